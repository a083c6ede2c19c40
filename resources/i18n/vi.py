"""The Vietnamese of the window, by English source text.

``update.py`` fills ``readshelf_vi.ts`` from here. Words are the ones
Vietnamese news and reading apps use: bài viết (article), nguồn tin (feed),
thẻ (tag), lưu (save), đã đọc / chưa đọc, yêu thích, lưu trữ, tô sáng
(highlight), ghi chú (note), thư viện (library). Keep every placeholder of the
source (``{name}``, ``%n``, ``%1``); "&" marks the menu accelerator.
Vietnamese has one plural form: ``%n`` sources need one text.

``TRANSLATIONS`` serves every context; ``BY_CONTEXT`` overrides it for one
context where the same English needs other Vietnamese.
"""

from __future__ import annotations

TRANSLATIONS: dict[str, str] = {
    # -- the list, the reader's frame ---------------------------------------
    "Title": "Tiêu đề",
    "Site": "Trang",
    "Section": "Chuyên mục",
    "Date": "Ngày",
    "Time": "Thời gian",
    "Unread (●) and favourite (★)": "Chưa đọc (●) và yêu thích (★)",
    "Reading time": "Thời gian đọc",
    "unread": "chưa đọc",
    "read": "đã đọc",
    "archived": "đã lưu trữ",
    "favourite": "yêu thích",
    "not fetched yet": "chưa tải về",
    "State": "Trạng thái",
    "Saving… {label}": "Đang lưu… {label}",
    "Saving {label}": "Đang lưu {label}",
    "Articles": "Bài viết",
    "No articles here.": "Chưa có bài viết nào ở đây.",
    "%n min": "%n phút",
    # -- article commands --------------------------------------------------------
    "Could not change the article": "Không thay đổi được bài viết",
    "Could not read the articles: {reason}": "Không đọc được các bài viết: {reason}",
    "Marked %n article(s) read": "Đã đánh dấu %n bài viết là đã đọc",
    "Marked %n article(s) unread": "Đã đánh dấu %n bài viết là chưa đọc",
    "Added %n article(s) to favourites": "Đã thêm %n bài viết vào Yêu thích",
    "Removed %n article(s) from favourites": "Đã bỏ %n bài viết khỏi Yêu thích",
    "Unarchived %n article(s)": "Đã đưa %n bài viết ra khỏi Lưu trữ",
    "Archived %n article(s)": "Đã lưu trữ %n bài viết",
    "This article has no web address: it was saved from a file.": (
        "Bài viết này không có địa chỉ web: nó được lưu từ một tệp."
    ),
    "Add tags to %n articles:": "Gắn thẻ cho %n bài viết:",
    "Add tags:": "Gắn thẻ:",
    "Add": "Thêm",
    "tag, another tag": "thẻ, thẻ khác",
    "Tagged %n article(s) “{tags}”": "Đã gắn thẻ “{tags}” cho %n bài viết",
    "Could not tag": "Không gắn thẻ được",
    "Could not read the article": "Không đọc được bài viết",
    "Deleted “{title}”.": "Đã xóa “{title}”.",
    "Deleted %n article(s).": "Đã xóa %n bài viết.",
    "Undo": "Hoàn tác",
    "Could not delete: {reason}": "Không xóa được: {reason}",
    # -- bugs -------------------------------------------------------------------
    "Something went wrong. The details are in the log in {folder}.": (
        "Đã xảy ra lỗi. Chi tiết nằm trong nhật ký ở {folder}."
    ),
    "Something went wrong ({error}). The details are in the log in {folder}.": (
        "Đã xảy ra lỗi ({error}). Chi tiết nằm trong nhật ký ở {folder}."
    ),
    "something went wrong ({error}); details are in {log}": (
        "đã xảy ra lỗi ({error}); chi tiết nằm trong {log}"
    ),
    "the library is busy in another program; try again in a moment": (
        "thư viện đang bận ở một chương trình khác; hãy thử lại sau giây lát"
    ),
    "the disk holding the library is full": "ổ đĩa chứa thư viện đã đầy",
    "the library file is read-only": "tệp thư viện chỉ cho phép đọc",
    # -- drops and saving ------------------------------------------------------
    "Drop target": "Vùng thả",
    "selection from {address}": "đoạn chọn từ {address}",
    "HTML selection": "đoạn HTML đã chọn",
    "nothing to save": "không có gì để lưu",
    "{items} and {last}": "{items} và {last}",
    "%n link(s)": "%n liên kết",
    "%n file(s)": "%n tệp",
    "%n selection(s)": "%n đoạn chọn",
    "%n feed list(s)": "%n danh sách nguồn tin",
    "%n export(s) to import": "%n tệp xuất để nhập",
    "{name}: folders cannot be saved; drop the files inside": (
        "{name}: không lưu được thư mục; hãy thả các tệp bên trong"
    ),
    "{name}: cannot save files of type {suffix} (to follow a feed, subscribe to its web address)": (
        "{name}: không lưu được tệp loại {suffix} (muốn theo dõi nguồn tin,"
        " hãy theo dõi địa chỉ web của nó)"
    ),
    "{name}: cannot save files without an extension": (
        "{name}: không lưu được tệp không có phần mở rộng"
    ),
    "{name}: cannot save files of type {suffix}": "{name}: không lưu được tệp loại {suffix}",
    "{text}: not a web address or a file": "{text}: không phải địa chỉ web hay tệp",
    "Cannot save {what}.": "Không lưu được {what}.",
    "Nothing to save on the clipboard: copy a link, a file or part of a web page first.": (
        "Bộ nhớ tạm không có gì để lưu: hãy sao chép một liên kết, một tệp"
        " hoặc một đoạn trang web trước."
    ),
    "Save from address:": "Lưu từ địa chỉ:",
    "Save": "Lưu",
    "Articles and feed lists ({patterns});;All files (*)": (
        "Bài viết và danh sách nguồn tin ({patterns});;Mọi tệp (*)"
    ),
    "Import Files": "Nhập tệp",
    "“{title}” is not saved, and the page gave no address to save it from.": (
        "“{title}” chưa được lưu, và trang không cho địa chỉ để lưu."
    ),
    "“{title}” is not in your library.": "“{title}” chưa có trong thư viện của bạn.",
    "Open in Browser": "Mở trong trình duyệt",
    "Could not fetch “{title}”: {reason}. It is kept in Pending to fetch later.": (
        "Không tải được “{title}”: {reason}. Bài viết được giữ trong Chờ tải để tải lại sau."
    ),
    "Already saved; updated “{title}”": "Đã lưu trước đó; đã cập nhật “{title}”",
    "Saved “{title}”": "Đã lưu “{title}”",
    "Could not save {what}: {reason}": "Không lưu được {what}: {reason}",
    "Drop to tag %n article(s) “{tag}”": "Thả để gắn thẻ “{tag}” cho %n bài viết",
    "Drop to import feeds from {what}": "Thả để nhập nguồn tin từ {what}",
    "Cannot save this": "Không lưu được nội dung này",
    "Drop to save {what} and tag “{tag}”": "Thả để lưu {what} và gắn thẻ “{tag}”",
    "Drop to save {what}": "Thả để lưu {what}",
    "Saving {what}": "Đang lưu {what}",
    # -- feeds ------------------------------------------------------------------
    "“{name}” will save each article's web page": "“{name}” sẽ lưu trang web của từng bài viết",
    "“{name}” will use the text in the feed": "“{name}” sẽ dùng nội dung có trong nguồn tin",
    "%n new article(s)": "%n bài viết mới",
    "the file is over the file size limit": "tệp vượt quá giới hạn dung lượng",
    "Could not refresh feeds: {reason}": "Không cập nhật được nguồn tin: {reason}",
    "Subscribing to {address}": "Đang theo dõi {address}",
    "Subscribed to “{name}”, but its articles could not all be fetched: {reason}": (
        "Đã theo dõi “{name}”, nhưng không tải được hết bài viết: {reason}"
    ),
    "Subscribed to “{name}”: {articles}.": "Đã theo dõi “{name}”: {articles}.",
    "Could not subscribe to {address}: {reason}": "Không theo dõi được {address}: {reason}",
    "Try Again…": "Thử lại…",
    "{address} looks like a feed. It is being saved as a page; subscribe to get its new"
    " articles as they come out.": (
        "{address} có vẻ là một nguồn tin. Địa chỉ này đang được lưu như một trang;"
        " hãy theo dõi để nhận bài mới ngay khi đăng."
    ),
    "Subscribe…": "Theo dõi…",
    "Importing %n feed list(s)": "Đang nhập %n danh sách nguồn tin",
    "Could not import feeds: {reason}": "Không nhập được nguồn tin: {reason}",
    "Could not import {name}: {reason}": "Không nhập được {name}: {reason}",
    "Added %n feed(s) from {name}": "Đã thêm %n nguồn tin từ {name}",
    "({count} already subscribed)": "({count} nguồn đã theo dõi từ trước)",
    "; fetching their articles.": "; đang tải bài viết.",
    "No feeds to refresh: subscribe to one with File ▸ Subscribe to Feed…": (
        "Chưa có nguồn tin nào để cập nhật: hãy theo dõi một nguồn bằng Tệp ▸ Theo dõi nguồn tin…"
    ),
    "Already refreshing feeds": "Đang cập nhật nguồn tin rồi",
    "Could not refresh “{name}”: {reason}": "Không cập nhật được “{name}”: {reason}",
    "{failed} of %n feeds could not be refreshed: the ! beside each says why.": (
        "{failed} trên %n nguồn tin không cập nhật được: dấu ! cạnh mỗi nguồn cho biết lý do."
    ),
    "Feeds refreshed: {articles}": "Đã cập nhật nguồn tin: {articles}",
    "Rename feed “{name}” to:": "Đổi tên nguồn tin “{name}” thành:",
    "Rename": "Đổi tên",
    "Could not rename the feed": "Không đổi tên được nguồn tin",
    "Tag new articles from “{name}” with:": "Gắn thẻ cho bài mới từ “{name}”:",
    "Set Tag": "Đặt thẻ",
    "no tag": "không gắn thẻ",
    "Could not change the feed's tag": "Không đổi được thẻ của nguồn tin",
    "New articles from “{name}” will be tagged “{tag}”": (
        "Bài mới từ “{name}” sẽ được gắn thẻ “{tag}”"
    ),
    "New articles from “{name}” will not be tagged": "Bài mới từ “{name}” sẽ không được gắn thẻ",
    "Could not change the feed": "Không thay đổi được nguồn tin",
    "Unsubscribe": "Bỏ theo dõi",
    "Unsubscribe from “{name}”?": "Bỏ theo dõi “{name}”?",
    "Unsubscribe from “{name}”? Its %n article is deleted too, except favourites and"
    " articles you saved yourself.": (
        "Bỏ theo dõi “{name}”? %n bài viết của nguồn này cũng bị xóa, trừ bài yêu thích"
        " và bài bạn tự lưu."
    ),
    "Unsubscribe from “{name}”? Its %n articles are deleted too, except favourites and"
    " articles you saved yourself.": (
        "Bỏ theo dõi “{name}”? %n bài viết của nguồn này cũng bị xóa, trừ bài yêu thích"
        " và bài bạn tự lưu."
    ),
    "Unsubscribe, Keep Articles": "Bỏ theo dõi, giữ bài viết",
    "feed {number}": "nguồn tin {number}",
    "Could not unsubscribe from “{name}”: {reason}": "Không bỏ theo dõi được “{name}”: {reason}",
    "Unsubscribing from {name}": "Đang bỏ theo dõi {name}",
    "Unsubscribed from “{name}”.": "Đã bỏ theo dõi “{name}”.",
    "Unsubscribed from “{name}”; %n article(s) deleted.": (
        "Đã bỏ theo dõi “{name}”; đã xóa %n bài viết."
    ),
    "Refreshing feeds": "Đang cập nhật nguồn tin",
    "Refreshing feeds {done}/{total}": "Đang cập nhật nguồn tin {done}/{total}",
    # -- importing from other readers ------------------------------------------
    "Fetching imported articles {done}/{total}": "Đang tải bài đã nhập {done}/{total}",
    "Importing {name}": "Đang nhập {name}",
    "Imported {articles} articles from {source}: {added} new, {pending} to fetch.": (
        "Đã nhập {articles} bài viết từ {source}: {added} bài mới, {pending} bài cần tải."
    ),
    "Fetched {fetched} imported articles; {failed} could not be fetched (Retry tries again).": (
        "Đã tải {fetched} bài đã nhập; {failed} bài không tải được (Thử lại để tải lại)."
    ),
    # -- the subscribe dialog --------------------------------------------------
    "Save each article's web page": "Lưu trang web của từng bài viết",
    "The complete article with its pictures, fetched from the site.": (
        "Bài viết đầy đủ kèm ảnh, tải từ trang gốc."
    ),
    "Use the text in the feed": "Dùng nội dung có trong nguồn tin",
    "Faster and lighter; some feeds carry only a summary.": (
        "Nhanh và nhẹ hơn; một số nguồn tin chỉ có phần tóm tắt."
    ),
    "Subscribe to Feed": "Theo dõi nguồn tin",
    "Feed or website address": "Địa chỉ nguồn tin hoặc trang web",
    "Tag for the feed's articles": "Thẻ cho bài viết của nguồn tin",
    "A feed's address, or a website's: the first feed the page links to is used.": (
        "Địa chỉ nguồn tin, hoặc của trang web: dùng nguồn tin đầu tiên mà trang liên kết tới."
    ),
    "&Address:": "Đị&a chỉ:",
    "&Tag:": "&Thẻ:",
    "Articles:": "Bài viết:",
    "Subscribe": "Theo dõi",
    # -- tags ------------------------------------------------------------------
    "Tagged %n article(s) “{tag}”.": "Đã gắn thẻ “{tag}” cho %n bài viết.",
    "Rename tag “{tag}” to:": "Đổi tên thẻ “{tag}” thành:",
    "Merge tag “{tag}” into:": "Gộp thẻ “{tag}” vào:",
    "Merge": "Gộp",
    "Delete the tag “{tag}” from %n article(s)? The articles stay.": (
        "Gỡ thẻ “{tag}” khỏi %n bài viết? Các bài viết vẫn được giữ."
    ),
    "Delete Tag": "Xóa thẻ",
    "Could not rename “{tag}”": "Không đổi tên được “{tag}”",
    "Could not merge “{tag}”": "Không gộp được “{tag}”",
    "Could not delete “{tag}”": "Không xóa được “{tag}”",
    # -- notices and the prompt bar -------------------------------------------------
    "Error": "Lỗi",
    "Notice": "Thông báo",
    "Dismiss": "Đóng",
    "Dismiss notice": "Đóng thông báo",
    "Notices": "Thông báo",
    "Prompt": "Hỏi đáp",
    "OK": "OK",
    "Cancel": "Hủy",
    # -- related stories ---------------------------------------------------------
    "From this page": "Từ trang này",
    "Similar in your library": "Tương tự trong thư viện",
    "This page lists no other stories.": "Trang này không liệt kê bài nào khác.",
    "Nothing similar saved yet.": "Chưa lưu bài nào tương tự.",
    "Related stories": "Tin liên quan",
    "Looking…": "Đang tìm…",
    "Open": "Mở",
    "Open original in browser": "Mở bài gốc trong trình duyệt",
    "linked in the text": "có liên kết trong bài",
    "Saved": "Đã lưu",
    "Not saved": "Chưa lưu",
    "Similar: {why}": "Tương tự: {why}",
    "tag {name}": "thẻ {name}",
    "words: {words}": "từ chung: {words}",
    "Click to save it": "Bấm để lưu",
    "No address to save it from": "Không có địa chỉ để lưu",
    # -- the Language menu ------------------------------------------------------
    "&Language": "&Ngôn ngữ",
    "System Language": "Theo hệ thống",
    "The new language is used the next time Readshelf starts.": (
        "Ngôn ngữ mới sẽ được dùng từ lần mở Readshelf tiếp theo."
    ),
    "{variable} is set to “{value}”, and it comes first.": (
        "{variable} đang đặt là “{value}” và được ưu tiên."
    ),
    # -- menus and actions (ui/actions.py) ---------------------------------------
    "&File": "&Tệp",
    "&Edit": "&Sửa",
    "&View": "&Xem",
    "&Theme": "&Giao diện",
    "&Article": "&Bài viết",
    "&Help": "Trợ &giúp",
    "Save from &Address…": "Lưu từ đị&a chỉ…",
    "Save a web page by its address": "Lưu một trang web theo địa chỉ",
    "&Import Files…": "&Nhập tệp…",
    "Save articles from HTML, MHTML, text or Markdown files; import OPML feed lists": (
        "Lưu bài viết từ tệp HTML, MHTML, văn bản hoặc Markdown; nhập danh sách nguồn tin OPML"
    ),
    "&Subscribe to Feed…": "&Theo dõi nguồn tin…",
    "Follow a feed: its new articles are saved as they come out": (
        "Theo dõi một nguồn tin: bài mới được lưu ngay khi đăng"
    ),
    "&Quit": "T&hoát",
    "&Undo Delete": "&Hoàn tác xóa",
    "&Paste Links or Files": "&Dán liên kết hoặc tệp",
    "Save the links, files or web page selection on the clipboard": (
        "Lưu liên kết, tệp hoặc đoạn trang web trong bộ nhớ tạm"
    ),
    "&Find…": "&Tìm kiếm…",
    "Search the library": "Tìm trong thư viện",
    "&Rename Tag…": "Đổi tên &thẻ…",
    "&Merge Tag Into…": "&Gộp thẻ vào…",
    "D&elete Tag…": "&Xóa thẻ…",
    "&Next Article": "Bài &tiếp theo",
    "&Previous Article": "Bài t&rước",
    "Page &Down": "Trang &dưới",
    "Page &Up": "Trang t&rên",
    "&Larger Text (A+)": "Chữ &lớn hơn (A+)",
    "Larger text in the reader": "Chữ lớn hơn trong khung đọc",
    "&Smaller Text (A−)": "Chữ &nhỏ hơn (A−)",
    "Smaller text in the reader": "Chữ nhỏ hơn trong khung đọc",
    "Se&rif": "Chữ có &chân",
    "Serif type in the reader": "Kiểu chữ có chân trong khung đọc",
    "S&ans Serif": "Chữ &không chân",
    "Sans-serif type in the reader": "Kiểu chữ không chân trong khung đọc",
    "&Related Stories": "Tin &liên quan",
    "Show or hide the related stories under the reader": (
        "Hiện hoặc ẩn tin liên quan bên dưới khung đọc"
    ),
    "Re&fresh Feeds": "&Cập nhật nguồn tin",
    "Check every feed for new articles now": "Kiểm tra bài mới ở mọi nguồn tin ngay bây giờ",
    "Mark &Read / Unread": "Đánh dấu &đã đọc / chưa đọc",
    "&Favourite": "&Yêu thích",
    "&Archive": "&Lưu trữ",
    "Add &Tag…": "Gắn &thẻ…",
    "&Open Original in Browser": "&Mở bài gốc trong trình duyệt",
    "&Delete": "&Xóa",
    "Open &Log Folder": "Mở thư mục &nhật ký",
    "Show the folder with Readshelf's log, to attach to a bug report": (
        "Mở thư mục chứa nhật ký của Readshelf, để đính kèm khi báo lỗi"
    ),
    "&About Readshelf": "&Giới thiệu Readshelf",
    "{theme} reader theme": "Giao diện đọc {theme}",
    "&Highlights": "&Tô sáng",
    "Every highlight and note in the library, newest first": (
        "Mọi đoạn tô sáng và ghi chú trong thư viện, mới nhất trước"
    ),
    "Highlights &Pane": "Ngăn &tô sáng",
    "Show or hide the open article's highlights and notes beside the reader": (
        "Hiện hoặc ẩn các đoạn tô sáng và ghi chú của bài đang mở, bên cạnh khung đọc"
    ),
    "&Highlight Selection": "&Tô sáng đoạn chọn",
    "Highlight the selected text": "Tô sáng đoạn văn bản đã chọn",
    "Add &Note…": "Thêm &ghi chú…",
    "Write a note on the highlight under the cursor, or on the article": (
        "Viết ghi chú cho đoạn tô sáng tại con trỏ, hoặc cho bài viết"
    ),
    "&Remove Highlight": "&Bỏ tô sáng",
    "Remove the highlight under the cursor (its note goes too)": (
        "Bỏ đoạn tô sáng tại con trỏ (kèm cả ghi chú)"
    ),
    # -- themes (ui/themes.py) ---------------------------------------------------
    "Light": "Sáng",
    "Sepia": "Nâu cổ điển",
    "Dark": "Tối",
    # -- the window (ui/main_window.py) -----------------------------------------
    "Your library is empty": "Thư viện của bạn đang trống",
    "Drop a link, a web page or a text file anywhere in this window to save it, or press"
    " Ctrl+L to save from an address and Ctrl+O to import files.": (
        "Thả một liên kết, trang web hoặc tệp văn bản vào bất kỳ đâu trong cửa sổ này để lưu,"
        " hoặc bấm Ctrl+L để lưu từ địa chỉ và Ctrl+O để nhập tệp."
    ),
    "Nothing open": "Chưa mở bài nào",
    "Choose an article from the list.": "Hãy chọn một bài viết trong danh sách.",
    "Your library is empty. Drop links or files here to save them.": (
        "Thư viện của bạn đang trống. Thả liên kết hoặc tệp vào đây để lưu."
    ),
    "Search your library": "Tìm trong thư viện của bạn",
    "Search": "Tìm kiếm",
    "Article count": "Số bài viết",
    "Background work": "Việc đang chạy nền",
    "Background work in progress": "Đang có việc chạy nền",
    "Reader": "Khung đọc",
    "Reader controls": "Điều khiển khung đọc",
    "Main": "Chính",
    "About Readshelf": "Giới thiệu Readshelf",
    "Backing up the library": "Đang sao lưu thư viện",
    "Could not read the library": "Không đọc được thư viện",
    "Could not read the library: {reason}": "Không đọc được thư viện: {reason}",
    "%n highlight(s) and note(s)": "%n đoạn tô sáng và ghi chú",
    "Not saved yet.": "Chưa lưu.",
    " · more as you scroll": " · cuộn để xem thêm",
    "Picture not saved": "Ảnh chưa được lưu",
    "Picture cannot be shown": "Không hiển thị được ảnh",
    "No caption": "Không có chú thích",
    "Tags: ": "Thẻ: ",
    # Likely sources once the window and the reader go through translation.
    "%n article(s)": "%n bài viết",
    "%n unread": "%n chưa đọc",
    "%n min read": "%n phút đọc",
    "%n word(s)": "%n chữ",
    "the page could not be fetched": "không tải được trang",
    # -- the sidebar (ui/sidebar.py, ui/sidebar_model.py) --------------------------
    "Library": "Thư viện",
    "Feeds": "Nguồn tin",
    "Tags": "Thẻ",
    "All": "Tất cả",
    "Unread": "Chưa đọc",
    "Favorites": "Yêu thích",
    "Archive": "Lưu trữ",
    "Pending": "Chờ tải",
    "Highlights": "Tô sáng",
    "Name": "Tên",
    "Rename…": "Đổi tên…",
    "Merge into…": "Gộp vào…",
    "Delete…": "Xóa…",
    "Feed": "Nguồn tin",
    "Refresh": "Cập nhật",
    "Change tag…": "Đổi thẻ…",
    "Mode": "Cách lưu",
    "Unsubscribe…": "Bỏ theo dõi…",
    "Full page (fetch each article)": "Toàn trang (tải từng bài viết)",
    "Feed content only": "Chỉ nội dung trong nguồn tin",
    "the last check failed": "lần kiểm tra gần nhất bị lỗi",
    "Highlights: %n highlight(s) and note(s), newest first": (
        "Tô sáng: %n đoạn tô sáng và ghi chú, mới nhất trước"
    ),
    # -- the reader's highlights (ui/reader.py, ui/highlight*.py) ----------------
    "Yellow": "Vàng",
    "Green": "Xanh lá",
    "Blue": "Xanh dương",
    "Pink": "Hồng",
    "&Highlight": "&Tô sáng",
    "Edit &Note…": "Sửa &ghi chú…",
    "&Colour": "&Màu",
    "Article": "Bài viết",
    "Could not read the highlights: ": "Không đọc được các đoạn tô sáng: ",
    "This highlight is no longer in the article's text.": (
        "Đoạn tô sáng này không còn trong nội dung bài viết."
    ),
    "Select some text in the article to highlight it.": (
        "Hãy chọn một đoạn văn bản trong bài để tô sáng."
    ),
    "Could not highlight: ": "Không tô sáng được: ",
    "Note on “%1”:": "Ghi chú cho “%1”:",
    "Highlight": "Tô sáng",
    "Note on the article:": "Ghi chú cho bài viết:",
    "Add Note": "Thêm ghi chú",
    "Save Note": "Lưu ghi chú",
    "Could not add the note: ": "Không thêm được ghi chú: ",
    "Could not save the note: ": "Không lưu được ghi chú: ",
    "Could not change the colour: ": "Không đổi được màu: ",
    "Could not remove the highlight: ": "Không bỏ được đoạn tô sáng: ",
    "Put the cursor in a highlight to remove it.": (
        "Hãy đặt con trỏ vào một đoạn tô sáng để bỏ nó."
    ),
    "&Remove Note": "&Xóa ghi chú",
    "Note on the article": "Ghi chú cho bài viết",
    "No longer in the text": "Không còn trong bài",
    "Highlights and notes": "Tô sáng và ghi chú",
    "Highlights and notes (%n)": "Tô sáng và ghi chú (%n)",
    "Select text and press H to highlight it; N writes a note.": (
        "Chọn văn bản rồi bấm H để tô sáng; bấm N để viết ghi chú."
    ),
    "Highlights and notes, newest first": "Tô sáng và ghi chú, mới nhất trước",
    # -- saving from the browser (ui/browser_dialog.py, ui/app.py) ---------------
    "Save from Your &Browser…": "Lưu từ &trình duyệt…",
    "Drag this to your browser's bookmarks bar": "Kéo nút này lên thanh dấu trang của trình duyệt",
    "Save from Your Browser": "Lưu từ trình duyệt",
    "Drag a button to your browser's bookmarks bar. Then, on a page you want to keep, click"
    " the bookmark.": (
        "Kéo một nút lên thanh dấu trang của trình duyệt. Sau đó, ở trang bạn muốn giữ,"
        " bấm vào dấu trang đó."
    ),
    "Save to Readshelf": "Lưu vào Readshelf",
    "Sends the page's address; Readshelf fetches the page itself.": (
        "Gửi địa chỉ trang; Readshelf tự tải trang về."
    ),
    "Let the browser send whole pages to Readshelf (on this computer only)": (
        "Cho phép trình duyệt gửi nguyên trang tới Readshelf (chỉ trên máy này)"
    ),
    "Send Page to Readshelf": "Gửi trang tới Readshelf",
    "For pages behind a login or written by JavaScript: sends the page as your browser shows"
    " it, while Readshelf is open. The bookmark holds a secret key; don't share it.": (
        "Cho các trang cần đăng nhập hoặc dựng bằng JavaScript: gửi trang đúng như trình duyệt"
        " đang hiển thị, khi Readshelf đang mở. Dấu trang chứa một khóa bí mật; đừng chia sẻ nó."
    ),
    "Copy": "Sao chép",
    # -- added with issue 14 ------------------------------------------------------
    "An offline reader for saved articles, first-class for Vietnamese.": (
        "Trình đọc ngoại tuyến cho các bài viết đã lưu, làm trước hết cho người đọc tiếng Việt."
    ),
    (
        "Drop links, web pages or text files on the window to save them. Everything stays on "
        "this computer: reading never touches the network."
    ): (
        "Thả liên kết, trang web hoặc tệp văn bản vào cửa sổ để lưu. Mọi thứ nằm trên máy này: "
        "khi đọc không cần kết nối mạng."
    ),
    "Library: {path}": "Thư viện: {path}",
    "Saving %n items": "Đang lưu %n mục",
    "%n match(es) for “{query}”": "%n kết quả cho “{query}”",
    "%n+ matches for “{query}”": "Hơn %n kết quả cho “{query}”",
    "%n article(s) in this view": "%n bài viết trong mục này",
    "No more unread articles in this list": "Danh sách này không còn bài nào chưa đọc",
    "No articles are tagged “{tag}”.": "Chưa có bài viết nào gắn thẻ “{tag}”.",
    "Nothing in {view}.": "Chưa có gì trong {view}.",
    "Nothing from “{feed}” yet: {reason}": "Chưa có bài nào từ “{feed}”: {reason}",
    "Nothing from “{feed}” yet. New articles arrive as it is refreshed.": (
        "Chưa có bài nào từ “{feed}”. Bài mới sẽ về mỗi lần nguồn tin được cập nhật."
    ),
    "Note: {notice}.": "Lưu ý: {notice}.",
    "Could not check the library for changes: {reason}": (
        "Không kiểm tra được thay đổi trong thư viện: {reason}"
    ),
    "Could not read the highlights: {reason}": "Không đọc được các đoạn tô sáng: {reason}",
    "Backed up the library to {path}": "Đã sao lưu thư viện vào {path}",
    "Could not back up the library: {reason}": "Không sao lưu được thư viện: {reason}",
    "“{title}” is no longer in the library: it was deleted.": (
        "“{title}” không còn trong thư viện: bài đã bị xóa."
    ),
    "Cannot open article {id}: {reason}": "Không mở được bài viết {id}: {reason}",
    "Cannot open the log folder {folder}: {reason}": (
        "Không mở được thư mục nhật ký {folder}: {reason}"
    ),
    "Line &Width": "Độ &rộng dòng",
    "&Narrow": "&Hẹp",
    "&Medium": "&Vừa",
    "&Wide": "&Rộng",
    "Line &Spacing": "&Giãn dòng",
    "&Compact": "&Sát",
    "&Normal": "&Bình thường",
    "&Relaxed": "&Thoáng",
    "F&ocus Mode": "Chế độ đọc &tập trung",
    "The reader alone, full screen (F11 or Esc to leave)": (
        "Chỉ khung đọc, toàn màn hình (bấm F11 hoặc Esc để thoát)"
    ),
    "Leave Focus Mode": "Thoát chế độ đọc tập trung",
    "Article Menu": "Menu bài viết",
    "The selected articles' commands, at the current row": (
        "Các lệnh cho những bài viết đang chọn, tại dòng hiện tại"
    ),
    "Mark All in View as &Read": "Đánh dấu tất cả trong mục là đã &đọc",
    "Mark every unread article in the list as read": (
        "Đánh dấu mọi bài chưa đọc trong danh sách là đã đọc"
    ),
    "&Keyboard Shortcuts": "&Phím tắt",
    "Every key the window answers to": "Mọi phím tắt của cửa sổ",
    "&Open": "&Mở",
    "Open &Original in Browser": "Mở bài &gốc trong trình duyệt",
    "&Copy Link": "&Sao chép liên kết",
    "&Copy Links": "&Sao chép các liên kết",
    "&Remove Tag": "&Bỏ thẻ",
    "Re&try Fetching": "&Tải lại",
    "Removed “{tag}” from %n article(s)": "Đã bỏ thẻ “{tag}” khỏi %n bài viết",
    "Could not remove the tag": "Không bỏ được thẻ",
    "No web address to copy: saved from a file.": (
        "Không có địa chỉ web để sao chép: bài được lưu từ tệp."
    ),
    "Copied %n link(s)": "Đã sao chép %n liên kết",
    "Nothing unread here": "Không có bài nào chưa đọc ở đây",
    "Marked %n article(s) read.": "Đã đánh dấu %n bài viết là đã đọc.",
    "No web browser could be opened for {url}.": "Không mở được trình duyệt web cho {url}.",
    "Keyboard Shortcuts": "Phím tắt",
    "Shortcuts": "Phím tắt",
    "Other Keys": "Phím khác",
    "Command": "Lệnh",
    "Keys": "Phím",
    "Photo: {name}": "Ảnh: {name}",
    "Topics: ": "Chủ đề: ",
    "Saved {date}": "Đã lưu ngày {date}",
    "Saved {date} from {source}": "Đã lưu ngày {date} từ {source}",
    "Reading progress": "Tiến độ đọc",
    "%n min left": "còn %n phút",
    "&Copy": "&Sao chép",
    "Copy &Link": "Sao chép liên &kết",
    "Select &All": "Chọn tất &cả",
    "&Search Library for “%1”": "Tìm “%1” trong thư &viện",
    "Save Selection as C&lip": "&Lưu đoạn chọn thành trích đoạn",
    "%n+ min": "%n+ phút",
    "%n min to read ({words} words)": "%n phút đọc ({words} chữ)",
    "stopped at {percent}%": "đọc dở {percent}%",
    "Cannot save “{address}”: it is neither a web address nor a file.": (
        "Không lưu được “{address}”: đây không phải địa chỉ web hay tệp."
    ),
    "Cannot receive pages from the browser: {reason}": (
        "Không nhận được trang từ trình duyệt: {reason}"
    ),
    "Cannot keep the page from {url}: {reason}": "Không giữ được trang từ {url}: {reason}",
    "Readshelf did not save this page ({status}).": "Readshelf chưa lưu được trang này ({status}).",
    "Readshelf is not running, or saving from the browser is off.": (
        "Readshelf chưa chạy, hoặc tính năng lưu từ trình duyệt đang tắt."
    ),
    "Topics": "Chủ đề",
    "Related stories ({count})": "Tin liên quan ({count})",
    "Show the related stories": "Hiện tin liên quan",
    "Hide the related stories": "Ẩn tin liên quan",
    "Also saved as": "Bản lưu khác",
    "{label}, tag, %n article(s)": "{label}, thẻ, %n bài viết",
    "{label}, topic, %n article(s)": "{label}, chủ đề, %n bài viết",
    "{label}, view, %n article(s)": "{label}, mục, %n bài viết",
    "Tag “{label}”: %n article(s). Drop articles, links or files here to tag them.": (
        "Thẻ “{label}”: %n bài viết. Thả bài viết, liên kết hoặc tệp vào đây để gắn thẻ."
    ),
    "Topic “{label}”, from the sites' own keywords: %n article(s)": (
        "Chủ đề “{label}”, theo từ khóa của trang: %n bài viết"
    ),
    "{label}: %n article(s)": "{label}: %n bài viết",
    "{label}, feed, refresh failed: {reason}": "{label}, nguồn tin, cập nhật lỗi: {reason}",
    "{label}, feed, %n unread": "{label}, nguồn tin, %n bài chưa đọc",
    "“{label}” could not be refreshed: {reason}": "Không cập nhật được “{label}”: {reason}",
    "{label}: {unread} unread of %n article(s)": "{label}: {unread} bài chưa đọc trong %n bài viết",
    "Read despite errors in the feed: {reason}": "Vẫn đọc được dù nguồn tin có lỗi: {reason}",
    "collapsed": "đang thu gọn",
    "expanded": "đang mở",
    "The sites' own keywords for their articles. Click to show or hide.": (
        "Từ khóa do các trang gắn cho bài viết. Bấm để hiện hoặc ẩn."
    ),
    "Library views, feeds, tags and topics": "Các mục thư viện, nguồn tin, thẻ và chủ đề",
    "Tag %1": "Thẻ %1",
    "No articles are on the topic “{topic}”.": "Chưa có bài viết nào thuộc chủ đề “{topic}”.",
    "Another saved copy of this story ({shared}% the same text)": (
        "Một bản đã lưu khác của bài này (giống {shared}% nội dung)"
    ),
}

BY_CONTEXT: dict[tuple[str, str], str] = {
    # Qt's standard buttons and dialogs (Qt ships no Vietnamese of its own).
    ("QPlatformTheme", "OK"): "OK",
    ("QPlatformTheme", "Cancel"): "Hủy",
    ("QPlatformTheme", "Save"): "Lưu",
    ("QPlatformTheme", "Open"): "Mở",
    ("QPlatformTheme", "Close"): "Đóng",
    ("QPlatformTheme", "&Yes"): "&Có",
    ("QPlatformTheme", "&No"): "&Không",
    ("QPlatformTheme", "Apply"): "Áp dụng",
    ("QPlatformTheme", "Help"): "Trợ giúp",
    ("QPlatformTheme", "Discard"): "Bỏ qua",
    ("QPlatformTheme", "Retry"): "Thử lại",
    ("QPlatformTheme", "Ignore"): "Lờ đi",
    ("QPlatformTheme", "Reset"): "Đặt lại",
    ("QPlatformTheme", "Restore Defaults"): "Khôi phục mặc định",
    ("QMessageBox", "Show Details..."): "Xem chi tiết...",
    ("QMessageBox", "Hide Details..."): "Ẩn chi tiết...",
    ("QFileDialog", "&Look in:"): "&Tìm trong:",
    ("QFileDialog", "File &name:"): "&Tên tệp:",
    ("QFileDialog", "Files of &type:"): "&Loại tệp:",
    ("QFileDialog", "&Open"): "&Mở",
    ("QFileDialog", "&Save"): "&Lưu",
    ("QFileDialog", "&Choose"): "&Chọn",
    ("QFileDialog", "Open"): "Mở",
    ("QFileDialog", "All Files (*)"): "Mọi tệp (*)",
    ("QFileDialog", "Back"): "Lùi",
    ("QFileDialog", "Forward"): "Tiến",
    ("QFileDialog", "Parent Directory"): "Thư mục cha",
    ("QFileDialog", "Go back"): "Quay lại",
    ("QFileDialog", "Go forward"): "Đi tiếp",
    ("QFileDialog", "Go to the parent directory"): "Lên thư mục cha",
    ("QFileDialog", "Create New Folder"): "Tạo thư mục mới",
    ("QFileDialog", "Create a New Folder"): "Tạo một thư mục mới",
    ("QFileDialog", "List View"): "Dạng danh sách",
    ("QFileDialog", "Detail View"): "Dạng chi tiết",
    ("QFileDialog", "Change to list view mode"): "Chuyển sang dạng danh sách",
    ("QFileDialog", "Change to detail view mode"): "Chuyển sang dạng chi tiết",
    ("QFileDialog", "List of places and bookmarks"): "Danh sách vị trí và dấu trang",
    ("QFileDialog", "Sidebar"): "Thanh bên",
    ("QFileDialog", "Files"): "Tệp",
    ("QFileDialog", "&New Folder"): "Thư mục &mới",
    ("QFileDialog", "New Folder"): "Thư mục mới",
    ("QFileDialog", "&Rename"): "Đổi &tên",
    ("QFileDialog", "&Delete"): "&Xóa",
    ("QFileDialog", "Show &hidden files"): "Hiện tệp ẩ&n",
    ("QFileDialog", "Recent Places"): "Vị trí gần đây",
    ("QFileDialog", "My Computer"): "Máy tính",
    ("QFileDialog", "Directory:"): "Thư mục:",
    ("QFileSystemModel", "Name"): "Tên",
    ("QFileSystemModel", "Size"): "Kích thước",
    ("QFileSystemModel", "Type"): "Loại",
    ("QFileSystemModel", "Date Modified"): "Ngày sửa",
    ("QFileSystemModel", "Computer"): "Máy tính",
    ("QAbstractFileIconProvider", "Folder"): "Thư mục",
    ("QAbstractFileIconProvider", "Drive"): "Ổ đĩa",
    ("QLineEdit", "&Undo"): "&Hoàn tác",
    ("QLineEdit", "&Redo"): "&Làm lại",
    ("QLineEdit", "Cu&t"): "&Cắt",
    ("QLineEdit", "&Copy"): "&Sao chép",
    ("QLineEdit", "&Paste"): "&Dán",
    ("QLineEdit", "Delete"): "Xóa",
    ("QLineEdit", "Select All"): "Chọn tất cả",
    ("QWidgetTextControl", "&Undo"): "&Hoàn tác",
    ("QWidgetTextControl", "&Redo"): "&Làm lại",
    ("QWidgetTextControl", "Cu&t"): "&Cắt",
    ("QWidgetTextControl", "&Copy"): "&Sao chép",
    ("QWidgetTextControl", "Copy &Link Location"): "Sao chép địa chỉ &liên kết",
    ("QWidgetTextControl", "&Paste"): "&Dán",
    ("QWidgetTextControl", "Delete"): "Xóa",
    ("QWidgetTextControl", "Select All"): "Chọn tất cả",
    ("QScrollBar", "Scroll here"): "Cuộn tới đây",
    ("QScrollBar", "Top"): "Lên đầu",
    ("QScrollBar", "Bottom"): "Xuống cuối",
    ("QScrollBar", "Page up"): "Lên một trang",
    ("QScrollBar", "Page down"): "Xuống một trang",
    ("QScrollBar", "Scroll up"): "Cuộn lên",
    ("QScrollBar", "Scroll down"): "Cuộn xuống",
    ("QScrollBar", "Left edge"): "Mép trái",
    ("QScrollBar", "Right edge"): "Mép phải",
    ("QScrollBar", "Page left"): "Sang trái một trang",
    ("QScrollBar", "Page right"): "Sang phải một trang",
    ("QScrollBar", "Scroll left"): "Cuộn sang trái",
    ("QScrollBar", "Scroll right"): "Cuộn sang phải",
    # The column header "Articles" of the sidebar counts, where "Bài viết" is too wide.
    ("SidebarModel", "Articles"): "Số bài",
}
