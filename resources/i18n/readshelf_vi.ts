<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
    <context>
        <name>ArticleCommands</name>
        <message>
            <source>Could not change the article</source>
            <translation>Không thay đổi được bài viết</translation>
        </message>
        <message>
            <source>Could not read the articles: {reason}</source>
            <translation>Không đọc được các bài viết: {reason}</translation>
        </message>
        <message numerus="yes">
            <source>Marked %n article(s) read</source>
            <translation>
                <numerusform>Đã đánh dấu %n bài viết là đã đọc</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Marked %n article(s) unread</source>
            <translation>
                <numerusform>Đã đánh dấu %n bài viết là chưa đọc</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Added %n article(s) to favourites</source>
            <translation>
                <numerusform>Đã thêm %n bài viết vào Yêu thích</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Removed %n article(s) from favourites</source>
            <translation>
                <numerusform>Đã bỏ %n bài viết khỏi Yêu thích</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unarchived %n article(s)</source>
            <translation>
                <numerusform>Đã đưa %n bài viết ra khỏi Lưu trữ</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Archived %n article(s)</source>
            <translation>
                <numerusform>Đã lưu trữ %n bài viết</numerusform>
            </translation>
        </message>
        <message>
            <source>This article has no web address: it was saved from a file.</source>
            <translation>Bài viết này không có địa chỉ web: nó được lưu từ một tệp.</translation>
        </message>
        <message>
            <source>No web browser could be opened for {url}.</source>
            <translation>Không mở được trình duyệt web cho {url}.</translation>
        </message>
        <message>
            <source>Could not read the article</source>
            <translation>Không đọc được bài viết</translation>
        </message>
        <message>
            <source>No web address to copy: saved from a file.</source>
            <translation>Không có địa chỉ web để sao chép: bài được lưu từ tệp.</translation>
        </message>
        <message numerus="yes">
            <source>Copied %n link(s)</source>
            <translation>
                <numerusform>Đã sao chép %n liên kết</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing unread here</source>
            <translation>Không có bài nào chưa đọc ở đây</translation>
        </message>
        <message numerus="yes">
            <source>Marked %n article(s) read.</source>
            <translation>
                <numerusform>Đã đánh dấu %n bài viết là đã đọc.</numerusform>
            </translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Hoàn tác</translation>
        </message>
        <message numerus="yes">
            <source>Add tags to %n articles:</source>
            <translation>
                <numerusform>Gắn thẻ cho %n bài viết:</numerusform>
            </translation>
        </message>
        <message>
            <source>Add tags:</source>
            <translation>Gắn thẻ:</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Thêm</translation>
        </message>
        <message>
            <source>tag, another tag</source>
            <translation>thẻ, thẻ khác</translation>
        </message>
        <message numerus="yes">
            <source>Tagged %n article(s) “{tags}”</source>
            <translation>
                <numerusform>Đã gắn thẻ “{tags}” cho %n bài viết</numerusform>
            </translation>
        </message>
        <message>
            <source>Could not tag</source>
            <translation>Không gắn thẻ được</translation>
        </message>
        <message numerus="yes">
            <source>Removed “{tag}” from %n article(s)</source>
            <translation>
                <numerusform>Đã bỏ thẻ “{tag}” khỏi %n bài viết</numerusform>
            </translation>
        </message>
        <message>
            <source>Could not remove the tag</source>
            <translation>Không bỏ được thẻ</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Mở</translation>
        </message>
        <message>
            <source>Open &amp;Original in Browser</source>
            <translation>Mở bài &amp;gốc trong trình duyệt</translation>
        </message>
        <message>
            <source>&amp;Copy Link</source>
            <translation>&amp;Sao chép liên kết</translation>
        </message>
        <message>
            <source>&amp;Copy Links</source>
            <translation>&amp;Sao chép các liên kết</translation>
        </message>
        <message>
            <source>&amp;Remove Tag</source>
            <translation>&amp;Bỏ thẻ</translation>
        </message>
        <message>
            <source>Re&amp;try Fetching</source>
            <translation>&amp;Tải lại</translation>
        </message>
        <message>
            <source>Deleted “{title}”.</source>
            <translation>Đã xóa “{title}”.</translation>
        </message>
        <message numerus="yes">
            <source>Deleted %n article(s).</source>
            <translation>
                <numerusform>Đã xóa %n bài viết.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ArticleListModel</name>
        <message>
            <source>Title</source>
            <translation>Tiêu đề</translation>
        </message>
        <message>
            <source>Site</source>
            <translation>Trang</translation>
        </message>
        <message>
            <source>Section</source>
            <translation>Chuyên mục</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Ngày</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Thời gian</translation>
        </message>
        <message>
            <source>Unread (●) and favourite (★)</source>
            <translation>Chưa đọc (●) và yêu thích (★)</translation>
        </message>
        <message>
            <source>Reading time</source>
            <translation>Thời gian đọc</translation>
        </message>
        <message>
            <source>unread</source>
            <translation>chưa đọc</translation>
        </message>
        <message>
            <source>read</source>
            <translation>đã đọc</translation>
        </message>
        <message>
            <source>archived</source>
            <translation>đã lưu trữ</translation>
        </message>
        <message>
            <source>favourite</source>
            <translation>yêu thích</translation>
        </message>
        <message>
            <source>not fetched yet</source>
            <translation>chưa tải về</translation>
        </message>
        <message>
            <source>stopped at {percent}%</source>
            <translation>đọc dở {percent}%</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>Saving… {label}</source>
            <translation>Đang lưu… {label}</translation>
        </message>
        <message>
            <source>Saving {label}</source>
            <translation>Đang lưu {label}</translation>
        </message>
        <message numerus="yes">
            <source>%n min to read ({words} words)</source>
            <translation>
                <numerusform>%n phút đọc ({words} chữ)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ArticleListView</name>
        <message>
            <source>Articles</source>
            <translation>Bài viết</translation>
        </message>
        <message>
            <source>No articles here.</source>
            <translation>Chưa có bài viết nào ở đây.</translation>
        </message>
    </context>
    <context>
        <name>ArticleReader</name>
        <message>
            <source>Yellow</source>
            <translation>Vàng</translation>
        </message>
        <message>
            <source>Green</source>
            <translation>Xanh lá</translation>
        </message>
        <message>
            <source>Blue</source>
            <translation>Xanh dương</translation>
        </message>
        <message>
            <source>Pink</source>
            <translation>Hồng</translation>
        </message>
        <message>
            <source>Reading progress</source>
            <translation>Tiến độ đọc</translation>
        </message>
        <message>
            <source>Article</source>
            <translation>Bài viết</translation>
        </message>
        <message numerus="yes">
            <source>%n min left</source>
            <translation>
                <numerusform>còn %n phút</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Sao chép</translation>
        </message>
        <message>
            <source>Copy &amp;Link</source>
            <translation>Sao chép liên &amp;kết</translation>
        </message>
        <message>
            <source>Select &amp;All</source>
            <translation>Chọn tất &amp;cả</translation>
        </message>
        <message>
            <source>&amp;Search Library for “%1”</source>
            <translation>Tìm “%1” trong thư &amp;viện</translation>
        </message>
        <message>
            <source>Save Selection as C&amp;lip</source>
            <translation>&amp;Lưu đoạn chọn thành trích đoạn</translation>
        </message>
        <message>
            <source>&amp;Highlight</source>
            <translation>&amp;Tô sáng</translation>
        </message>
        <message>
            <source>Add &amp;Note…</source>
            <translation>Thêm &amp;ghi chú…</translation>
        </message>
        <message>
            <source>Edit &amp;Note…</source>
            <translation>Sửa &amp;ghi chú…</translation>
        </message>
        <message>
            <source>&amp;Colour</source>
            <translation>&amp;Màu</translation>
        </message>
        <message>
            <source>&amp;Remove Highlight</source>
            <translation>&amp;Bỏ tô sáng</translation>
        </message>
    </context>
    <context>
        <name>ArticleSaver</name>
        <message>
            <source>Saving {what}</source>
            <translation>Đang lưu {what}</translation>
        </message>
    </context>
    <context>
        <name>BookmarkletLink</name>
        <message>
            <source>Drag this to your browser's bookmarks bar</source>
            <translation>Kéo nút này lên thanh dấu trang của trình duyệt</translation>
        </message>
    </context>
    <context>
        <name>BrowserDialog</name>
        <message>
            <source>Save from Your Browser</source>
            <translation>Lưu từ trình duyệt</translation>
        </message>
        <message>
            <source>Drag a button to your browser's bookmarks bar. Then, on a page you want to keep, click the bookmark.</source>
            <translation>Kéo một nút lên thanh dấu trang của trình duyệt. Sau đó, ở trang bạn muốn giữ, bấm vào dấu trang đó.</translation>
        </message>
        <message>
            <source>Save to Readshelf</source>
            <translation>Lưu vào Readshelf</translation>
        </message>
        <message>
            <source>Sends the page's address; Readshelf fetches the page itself.</source>
            <translation>Gửi địa chỉ trang; Readshelf tự tải trang về.</translation>
        </message>
        <message>
            <source>Let the browser send whole pages to Readshelf (on this computer only)</source>
            <translation>Cho phép trình duyệt gửi nguyên trang tới Readshelf (chỉ trên máy này)</translation>
        </message>
        <message>
            <source>Send Page to Readshelf</source>
            <translation>Gửi trang tới Readshelf</translation>
        </message>
        <message>
            <source>For pages behind a login or written by JavaScript: sends the page as your browser shows it, while Readshelf is open. The bookmark holds a secret key; don't share it.</source>
            <translation>Cho các trang cần đăng nhập hoặc dựng bằng JavaScript: gửi trang đúng như trình duyệt đang hiển thị, khi Readshelf đang mở. Dấu trang chứa một khóa bí mật; đừng chia sẻ nó.</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Sao chép</translation>
        </message>
    </context>
    <context>
        <name>BrowserEndpoint</name>
        <message>
            <source>Readshelf did not save this page ({status}).</source>
            <translation>Readshelf chưa lưu được trang này ({status}).</translation>
        </message>
        <message>
            <source>Readshelf is not running, or saving from the browser is off.</source>
            <translation>Readshelf chưa chạy, hoặc tính năng lưu từ trình duyệt đang tắt.</translation>
        </message>
    </context>
    <context>
        <name>BrowserSaving</name>
        <message>
            <source>Cannot receive pages from the browser: {reason}</source>
            <translation>Không nhận được trang từ trình duyệt: {reason}</translation>
        </message>
        <message>
            <source>Cannot keep the page from {url}: {reason}</source>
            <translation>Không giữ được trang từ {url}: {reason}</translation>
        </message>
    </context>
    <context>
        <name>DesktopHandler</name>
        <message>
            <source>Save from Your &amp;Browser…</source>
            <translation>Lưu từ &amp;trình duyệt…</translation>
        </message>
    </context>
    <context>
        <name>Diagnostics</name>
        <message>
            <source>Something went wrong. The details are in the log in {folder}.</source>
            <translation>Đã xảy ra lỗi. Chi tiết nằm trong nhật ký ở {folder}.</translation>
        </message>
        <message>
            <source>Something went wrong ({error}). The details are in the log in {folder}.</source>
            <translation>Đã xảy ra lỗi ({error}). Chi tiết nằm trong nhật ký ở {folder}.</translation>
        </message>
    </context>
    <context>
        <name>DropOverlay</name>
        <message>
            <source>Drop target</source>
            <translation>Vùng thả</translation>
        </message>
    </context>
    <context>
        <name>Drops</name>
        <message>
            <source>selection from {address}</source>
            <translation>đoạn chọn từ {address}</translation>
        </message>
        <message>
            <source>HTML selection</source>
            <translation>đoạn HTML đã chọn</translation>
        </message>
        <message>
            <source>nothing to save</source>
            <translation>không có gì để lưu</translation>
        </message>
        <message>
            <source>{items} and {last}</source>
            <translation>{items} và {last}</translation>
        </message>
        <message numerus="yes">
            <source>%n link(s)</source>
            <translation>
                <numerusform>%n liên kết</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n tệp</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n selection(s)</source>
            <translation>
                <numerusform>%n đoạn chọn</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n export(s) to import</source>
            <translation>
                <numerusform>%n tệp xuất để nhập</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n feed list(s)</source>
            <translation>
                <numerusform>%n danh sách nguồn tin</numerusform>
            </translation>
        </message>
        <message>
            <source>{name}: folders cannot be saved; drop the files inside</source>
            <translation>{name}: không lưu được thư mục; hãy thả các tệp bên trong</translation>
        </message>
        <message>
            <source>{name}: cannot save files of type {suffix} (to follow a feed, subscribe to its web address)</source>
            <translation>{name}: không lưu được tệp loại {suffix} (muốn theo dõi nguồn tin, hãy theo dõi địa chỉ web của nó)</translation>
        </message>
        <message>
            <source>{name}: cannot save files without an extension</source>
            <translation>{name}: không lưu được tệp không có phần mở rộng</translation>
        </message>
        <message>
            <source>{name}: cannot save files of type {suffix}</source>
            <translation>{name}: không lưu được tệp loại {suffix}</translation>
        </message>
        <message>
            <source>{text}: not a web address or a file</source>
            <translation>{text}: không phải địa chỉ web hay tệp</translation>
        </message>
    </context>
    <context>
        <name>FeedCommands</name>
        <message>
            <source>“{name}” will save each article's web page</source>
            <translation>“{name}” sẽ lưu trang web của từng bài viết</translation>
        </message>
        <message>
            <source>“{name}” will use the text in the feed</source>
            <translation>“{name}” sẽ dùng nội dung có trong nguồn tin</translation>
        </message>
        <message numerus="yes">
            <source>%n new article(s)</source>
            <translation>
                <numerusform>%n bài viết mới</numerusform>
            </translation>
        </message>
        <message>
            <source>the file is over the file size limit</source>
            <translation>tệp vượt quá giới hạn dung lượng</translation>
        </message>
        <message>
            <source>Could not refresh feeds: {reason}</source>
            <translation>Không cập nhật được nguồn tin: {reason}</translation>
        </message>
        <message>
            <source>Subscribing to {address}</source>
            <translation>Đang theo dõi {address}</translation>
        </message>
        <message>
            <source>Subscribed to “{name}”, but its articles could not all be fetched: {reason}</source>
            <translation>Đã theo dõi “{name}”, nhưng không tải được hết bài viết: {reason}</translation>
        </message>
        <message>
            <source>Subscribed to “{name}”: {articles}.</source>
            <translation>Đã theo dõi “{name}”: {articles}.</translation>
        </message>
        <message>
            <source>Could not subscribe to {address}: {reason}</source>
            <translation>Không theo dõi được {address}: {reason}</translation>
        </message>
        <message>
            <source>Try Again…</source>
            <translation>Thử lại…</translation>
        </message>
        <message>
            <source>{address} looks like a feed. It is being saved as a page; subscribe to get its new articles as they come out.</source>
            <translation>{address} có vẻ là một nguồn tin. Địa chỉ này đang được lưu như một trang; hãy theo dõi để nhận bài mới ngay khi đăng.</translation>
        </message>
        <message>
            <source>Subscribe…</source>
            <translation>Theo dõi…</translation>
        </message>
        <message numerus="yes">
            <source>Importing %n feed list(s)</source>
            <translation>
                <numerusform>Đang nhập %n danh sách nguồn tin</numerusform>
            </translation>
        </message>
        <message>
            <source>Could not import feeds: {reason}</source>
            <translation>Không nhập được nguồn tin: {reason}</translation>
        </message>
        <message>
            <source>Could not import {name}: {reason}</source>
            <translation>Không nhập được {name}: {reason}</translation>
        </message>
        <message numerus="yes">
            <source>Added %n feed(s) from {name}</source>
            <translation>
                <numerusform>Đã thêm %n nguồn tin từ {name}</numerusform>
            </translation>
        </message>
        <message>
            <source>({count} already subscribed)</source>
            <translation>({count} nguồn đã theo dõi từ trước)</translation>
        </message>
        <message>
            <source>; fetching their articles.</source>
            <translation>; đang tải bài viết.</translation>
        </message>
        <message>
            <source>No feeds to refresh: subscribe to one with File ▸ Subscribe to Feed…</source>
            <translation>Chưa có nguồn tin nào để cập nhật: hãy theo dõi một nguồn bằng Tệp ▸ Theo dõi nguồn tin…</translation>
        </message>
        <message>
            <source>Already refreshing feeds</source>
            <translation>Đang cập nhật nguồn tin rồi</translation>
        </message>
        <message>
            <source>Could not refresh “{name}”: {reason}</source>
            <translation>Không cập nhật được “{name}”: {reason}</translation>
        </message>
        <message numerus="yes">
            <source>{failed} of %n feeds could not be refreshed: the ! beside each says why.</source>
            <translation>
                <numerusform>{failed} trên %n nguồn tin không cập nhật được: dấu ! cạnh mỗi nguồn cho biết lý do.</numerusform>
            </translation>
        </message>
        <message>
            <source>Feeds refreshed: {articles}</source>
            <translation>Đã cập nhật nguồn tin: {articles}</translation>
        </message>
        <message>
            <source>Rename feed “{name}” to:</source>
            <translation>Đổi tên nguồn tin “{name}” thành:</translation>
        </message>
        <message>
            <source>Rename</source>
            <translation>Đổi tên</translation>
        </message>
        <message>
            <source>Could not rename the feed</source>
            <translation>Không đổi tên được nguồn tin</translation>
        </message>
        <message>
            <source>Tag new articles from “{name}” with:</source>
            <translation>Gắn thẻ cho bài mới từ “{name}”:</translation>
        </message>
        <message>
            <source>Set Tag</source>
            <translation>Đặt thẻ</translation>
        </message>
        <message>
            <source>no tag</source>
            <translation>không gắn thẻ</translation>
        </message>
        <message>
            <source>Could not change the feed's tag</source>
            <translation>Không đổi được thẻ của nguồn tin</translation>
        </message>
        <message>
            <source>New articles from “{name}” will be tagged “{tag}”</source>
            <translation>Bài mới từ “{name}” sẽ được gắn thẻ “{tag}”</translation>
        </message>
        <message>
            <source>New articles from “{name}” will not be tagged</source>
            <translation>Bài mới từ “{name}” sẽ không được gắn thẻ</translation>
        </message>
        <message>
            <source>Could not change the feed</source>
            <translation>Không thay đổi được nguồn tin</translation>
        </message>
        <message>
            <source>Unsubscribe</source>
            <translation>Bỏ theo dõi</translation>
        </message>
        <message>
            <source>Unsubscribe from “{name}”?</source>
            <translation>Bỏ theo dõi “{name}”?</translation>
        </message>
        <message numerus="yes">
            <source>Unsubscribe from “{name}”? Its %n article is deleted too, except favourites and articles you saved yourself.</source>
            <translation>
                <numerusform>Bỏ theo dõi “{name}”? %n bài viết của nguồn này cũng bị xóa, trừ bài yêu thích và bài bạn tự lưu.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unsubscribe from “{name}”? Its %n articles are deleted too, except favourites and articles you saved yourself.</source>
            <translation>
                <numerusform>Bỏ theo dõi “{name}”? %n bài viết của nguồn này cũng bị xóa, trừ bài yêu thích và bài bạn tự lưu.</numerusform>
            </translation>
        </message>
        <message>
            <source>Unsubscribe, Keep Articles</source>
            <translation>Bỏ theo dõi, giữ bài viết</translation>
        </message>
        <message>
            <source>feed {number}</source>
            <translation>nguồn tin {number}</translation>
        </message>
        <message>
            <source>Could not unsubscribe from “{name}”: {reason}</source>
            <translation>Không bỏ theo dõi được “{name}”: {reason}</translation>
        </message>
        <message>
            <source>Unsubscribing from {name}</source>
            <translation>Đang bỏ theo dõi {name}</translation>
        </message>
        <message>
            <source>Unsubscribed from “{name}”.</source>
            <translation>Đã bỏ theo dõi “{name}”.</translation>
        </message>
        <message numerus="yes">
            <source>Unsubscribed from “{name}”; %n article(s) deleted.</source>
            <translation>
                <numerusform>Đã bỏ theo dõi “{name}”; đã xóa %n bài viết.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FeedUpdates</name>
        <message>
            <source>Refreshing feeds</source>
            <translation>Đang cập nhật nguồn tin</translation>
        </message>
        <message>
            <source>Refreshing feeds {done}/{total}</source>
            <translation>Đang cập nhật nguồn tin {done}/{total}</translation>
        </message>
    </context>
    <context>
        <name>Formatting</name>
        <message numerus="yes">
            <source>%n min</source>
            <translation>
                <numerusform>%n phút</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n+ min</source>
            <translation>
                <numerusform>%n+ phút</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HighlightCommands</name>
        <message>
            <source>Could not read the highlights: </source>
            <translation>Không đọc được các đoạn tô sáng: </translation>
        </message>
        <message>
            <source>This highlight is no longer in the article's text.</source>
            <translation>Đoạn tô sáng này không còn trong nội dung bài viết.</translation>
        </message>
        <message>
            <source>Select some text in the article to highlight it.</source>
            <translation>Hãy chọn một đoạn văn bản trong bài để tô sáng.</translation>
        </message>
        <message>
            <source>Could not highlight: </source>
            <translation>Không tô sáng được: </translation>
        </message>
        <message>
            <source>Note on “%1”:</source>
            <translation>Ghi chú cho “%1”:</translation>
        </message>
        <message>
            <source>Highlight</source>
            <translation>Tô sáng</translation>
        </message>
        <message>
            <source>Note on the article:</source>
            <translation>Ghi chú cho bài viết:</translation>
        </message>
        <message>
            <source>Add Note</source>
            <translation>Thêm ghi chú</translation>
        </message>
        <message>
            <source>Save Note</source>
            <translation>Lưu ghi chú</translation>
        </message>
        <message>
            <source>Could not add the note: </source>
            <translation>Không thêm được ghi chú: </translation>
        </message>
        <message>
            <source>Could not save the note: </source>
            <translation>Không lưu được ghi chú: </translation>
        </message>
        <message>
            <source>Could not change the colour: </source>
            <translation>Không đổi được màu: </translation>
        </message>
        <message>
            <source>Could not remove the highlight: </source>
            <translation>Không bỏ được đoạn tô sáng: </translation>
        </message>
        <message>
            <source>Put the cursor in a highlight to remove it.</source>
            <translation>Hãy đặt con trỏ vào một đoạn tô sáng để bỏ nó.</translation>
        </message>
    </context>
    <context>
        <name>HighlightList</name>
        <message>
            <source>Edit &amp;Note…</source>
            <translation>Sửa &amp;ghi chú…</translation>
        </message>
        <message>
            <source>Add &amp;Note…</source>
            <translation>Thêm &amp;ghi chú…</translation>
        </message>
        <message>
            <source>&amp;Remove Note</source>
            <translation>&amp;Xóa ghi chú</translation>
        </message>
        <message>
            <source>&amp;Remove Highlight</source>
            <translation>&amp;Bỏ tô sáng</translation>
        </message>
    </context>
    <context>
        <name>HighlightRow</name>
        <message>
            <source>Note on the article</source>
            <translation>Ghi chú cho bài viết</translation>
        </message>
        <message>
            <source>No longer in the text</source>
            <translation>Không còn trong bài</translation>
        </message>
    </context>
    <context>
        <name>HighlightsPane</name>
        <message>
            <source>Highlights and notes</source>
            <translation>Tô sáng và ghi chú</translation>
        </message>
        <message>
            <source>Select text and press H to highlight it; N writes a note.</source>
            <translation>Chọn văn bản rồi bấm H để tô sáng; bấm N để viết ghi chú.</translation>
        </message>
        <message numerus="yes">
            <source>Highlights and notes (%n)</source>
            <translation>
                <numerusform>Tô sáng và ghi chú (%n)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HighlightsView</name>
        <message>
            <source>Highlights and notes, newest first</source>
            <translation>Tô sáng và ghi chú, mới nhất trước</translation>
        </message>
    </context>
    <context>
        <name>ImportQueue</name>
        <message>
            <source>Fetching imported articles {done}/{total}</source>
            <translation>Đang tải bài đã nhập {done}/{total}</translation>
        </message>
        <message>
            <source>Importing {name}</source>
            <translation>Đang nhập {name}</translation>
        </message>
        <message>
            <source>Imported {articles} articles from {source}: {added} new, {pending} to fetch.</source>
            <translation>Đã nhập {articles} bài viết từ {source}: {added} bài mới, {pending} bài cần tải.</translation>
        </message>
        <message>
            <source>Fetched {fetched} imported articles; {failed} could not be fetched (Retry tries again).</source>
            <translation>Đã tải {fetched} bài đã nhập; {failed} bài không tải được (Thử lại để tải lại).</translation>
        </message>
    </context>
    <context>
        <name>LanguageMenu</name>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Ngôn ngữ</translation>
        </message>
        <message>
            <source>System Language</source>
            <translation>Theo hệ thống</translation>
        </message>
        <message>
            <source>The new language is used the next time Readshelf starts.</source>
            <translation>Ngôn ngữ mới sẽ được dùng từ lần mở Readshelf tiếp theo.</translation>
        </message>
        <message>
            <source>{variable} is set to “{value}”, and it comes first.</source>
            <translation>{variable} đang đặt là “{value}” và được ưu tiên.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Your library is empty</source>
            <translation>Thư viện của bạn đang trống</translation>
        </message>
        <message>
            <source>Drop a link, a web page or a text file anywhere in this window to save it, or press Ctrl+L to save from an address and Ctrl+O to import files.</source>
            <translation>Thả một liên kết, trang web hoặc tệp văn bản vào bất kỳ đâu trong cửa sổ này để lưu, hoặc bấm Ctrl+L để lưu từ địa chỉ và Ctrl+O để nhập tệp.</translation>
        </message>
        <message>
            <source>Nothing open</source>
            <translation>Chưa mở bài nào</translation>
        </message>
        <message>
            <source>Choose an article from the list.</source>
            <translation>Hãy chọn một bài viết trong danh sách.</translation>
        </message>
        <message>
            <source>Search your library</source>
            <translation>Tìm trong thư viện của bạn</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Tìm kiếm</translation>
        </message>
        <message>
            <source>Article count</source>
            <translation>Số bài viết</translation>
        </message>
        <message>
            <source>Background work</source>
            <translation>Việc đang chạy nền</translation>
        </message>
        <message>
            <source>Background work in progress</source>
            <translation>Đang có việc chạy nền</translation>
        </message>
        <message>
            <source>Reader</source>
            <translation>Khung đọc</translation>
        </message>
        <message>
            <source>Reader controls</source>
            <translation>Điều khiển khung đọc</translation>
        </message>
        <message>
            <source>Main</source>
            <translation>Chính</translation>
        </message>
        <message>
            <source>Could not read the library: {reason}</source>
            <translation>Không đọc được thư viện: {reason}</translation>
        </message>
        <message>
            <source>Could not check the library for changes: {reason}</source>
            <translation>Không kiểm tra được thay đổi trong thư viện: {reason}</translation>
        </message>
        <message>
            <source>Could not read the highlights: {reason}</source>
            <translation>Không đọc được các đoạn tô sáng: {reason}</translation>
        </message>
        <message>
            <source>Note: {notice}.</source>
            <translation>Lưu ý: {notice}.</translation>
        </message>
        <message>
            <source>Backed up the library to {path}</source>
            <translation>Đã sao lưu thư viện vào {path}</translation>
        </message>
        <message>
            <source>Could not back up the library: {reason}</source>
            <translation>Không sao lưu được thư viện: {reason}</translation>
        </message>
        <message>
            <source>Backing up the library</source>
            <translation>Đang sao lưu thư viện</translation>
        </message>
        <message>
            <source>No articles are tagged “{tag}”.</source>
            <translation>Chưa có bài viết nào gắn thẻ “{tag}”.</translation>
        </message>
        <message>
            <source>No articles are on the topic “{topic}”.</source>
            <translation>Chưa có bài viết nào thuộc chủ đề “{topic}”.</translation>
        </message>
        <message>
            <source>Nothing from “{feed}” yet: {reason}</source>
            <translation>Chưa có bài nào từ “{feed}”: {reason}</translation>
        </message>
        <message>
            <source>Nothing from “{feed}” yet. New articles arrive as it is refreshed.</source>
            <translation>Chưa có bài nào từ “{feed}”. Bài mới sẽ về mỗi lần nguồn tin được cập nhật.</translation>
        </message>
        <message>
            <source>Nothing in {view}.</source>
            <translation>Chưa có gì trong {view}.</translation>
        </message>
        <message>
            <source>Your library is empty. Drop links or files here to save them.</source>
            <translation>Thư viện của bạn đang trống. Thả liên kết hoặc tệp vào đây để lưu.</translation>
        </message>
        <message>
            <source>Could not read the library</source>
            <translation>Không đọc được thư viện</translation>
        </message>
        <message>
            <source>“{title}” is no longer in the library: it was deleted.</source>
            <translation>“{title}” không còn trong thư viện: bài đã bị xóa.</translation>
        </message>
        <message numerus="yes">
            <source>%n highlight(s) and note(s)</source>
            <translation>
                <numerusform>%n đoạn tô sáng và ghi chú</numerusform>
            </translation>
        </message>
        <message>
            <source> · more as you scroll</source>
            <translation> · cuộn để xem thêm</translation>
        </message>
        <message numerus="yes">
            <source>%n+ matches for “{query}”</source>
            <translation>
                <numerusform>Hơn %n kết quả cho “{query}”</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n match(es) for “{query}”</source>
            <translation>
                <numerusform>%n kết quả cho “{query}”</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n article(s) in this view</source>
            <translation>
                <numerusform>%n bài viết trong mục này</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n article(s)</source>
            <translation>
                <numerusform>%n bài viết</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unread</source>
            <translation>
                <numerusform>%n chưa đọc</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot open article {id}: {reason}</source>
            <translation>Không mở được bài viết {id}: {reason}</translation>
        </message>
        <message>
            <source>No more unread articles in this list</source>
            <translation>Danh sách này không còn bài nào chưa đọc</translation>
        </message>
        <message>
            <source>Cannot open the log folder {folder}: {reason}</source>
            <translation>Không mở được thư mục nhật ký {folder}: {reason}</translation>
        </message>
        <message>
            <source>About Readshelf</source>
            <translation>Giới thiệu Readshelf</translation>
        </message>
        <message>
            <source>An offline reader for saved articles, first-class for Vietnamese.</source>
            <translation>Trình đọc ngoại tuyến cho các bài viết đã lưu, làm trước hết cho người đọc tiếng Việt.</translation>
        </message>
        <message>
            <source>Drop links, web pages or text files on the window to save them. Everything stays on this computer: reading never touches the network.</source>
            <translation>Thả liên kết, trang web hoặc tệp văn bản vào cửa sổ để lưu. Mọi thứ nằm trên máy này: khi đọc không cần kết nối mạng.</translation>
        </message>
        <message>
            <source>Library: {path}</source>
            <translation>Thư viện: {path}</translation>
        </message>
        <message numerus="yes">
            <source>Saving %n items</source>
            <translation>
                <numerusform>Đang lưu %n mục</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Notice</name>
        <message>
            <source>Error</source>
            <translation>Lỗi</translation>
        </message>
        <message>
            <source>Notice</source>
            <translation>Thông báo</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>Dismiss notice</source>
            <translation>Đóng thông báo</translation>
        </message>
    </context>
    <context>
        <name>NoticeArea</name>
        <message>
            <source>Notices</source>
            <translation>Thông báo</translation>
        </message>
    </context>
    <context>
        <name>PendingDeletions</name>
        <message>
            <source>Could not delete: {reason}</source>
            <translation>Không xóa được: {reason}</translation>
        </message>
    </context>
    <context>
        <name>PromptBar</name>
        <message>
            <source>Prompt</source>
            <translation>Hỏi đáp</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
    </context>
    <context>
        <name>QAbstractFileIconProvider</name>
        <message>
            <source>Folder</source>
            <translation>Thư mục</translation>
        </message>
        <message>
            <source>Drive</source>
            <translation>Ổ đĩa</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translation>&amp;Tìm trong:</translation>
        </message>
        <message>
            <source>File &amp;name:</source>
            <translation>&amp;Tên tệp:</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>&amp;Loại tệp:</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Mở</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Lưu</translation>
        </message>
        <message>
            <source>&amp;Choose</source>
            <translation>&amp;Chọn</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Mở</translation>
        </message>
        <message>
            <source>All Files (*)</source>
            <translation>Mọi tệp (*)</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Lùi</translation>
        </message>
        <message>
            <source>Forward</source>
            <translation>Tiến</translation>
        </message>
        <message>
            <source>Parent Directory</source>
            <translation>Thư mục cha</translation>
        </message>
        <message>
            <source>Go back</source>
            <translation>Quay lại</translation>
        </message>
        <message>
            <source>Go forward</source>
            <translation>Đi tiếp</translation>
        </message>
        <message>
            <source>Go to the parent directory</source>
            <translation>Lên thư mục cha</translation>
        </message>
        <message>
            <source>Create New Folder</source>
            <translation>Tạo thư mục mới</translation>
        </message>
        <message>
            <source>Create a New Folder</source>
            <translation>Tạo một thư mục mới</translation>
        </message>
        <message>
            <source>List View</source>
            <translation>Dạng danh sách</translation>
        </message>
        <message>
            <source>Detail View</source>
            <translation>Dạng chi tiết</translation>
        </message>
        <message>
            <source>Change to list view mode</source>
            <translation>Chuyển sang dạng danh sách</translation>
        </message>
        <message>
            <source>Change to detail view mode</source>
            <translation>Chuyển sang dạng chi tiết</translation>
        </message>
        <message>
            <source>List of places and bookmarks</source>
            <translation>Danh sách vị trí và dấu trang</translation>
        </message>
        <message>
            <source>Sidebar</source>
            <translation>Thanh bên</translation>
        </message>
        <message>
            <source>Files</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <source>&amp;New Folder</source>
            <translation>Thư mục &amp;mới</translation>
        </message>
        <message>
            <source>New Folder</source>
            <translation>Thư mục mới</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation>Đổi &amp;tên</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Xóa</translation>
        </message>
        <message>
            <source>Show &amp;hidden files</source>
            <translation>Hiện tệp ẩ&amp;n</translation>
        </message>
        <message>
            <source>Recent Places</source>
            <translation>Vị trí gần đây</translation>
        </message>
        <message>
            <source>My Computer</source>
            <translation>Máy tính</translation>
        </message>
        <message>
            <source>Directory:</source>
            <translation>Thư mục:</translation>
        </message>
    </context>
    <context>
        <name>QFileSystemModel</name>
        <message>
            <source>Name</source>
            <translation>Tên</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Kích thước</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Loại</translation>
        </message>
        <message>
            <source>Date Modified</source>
            <translation>Ngày sửa</translation>
        </message>
        <message>
            <source>Computer</source>
            <translation>Máy tính</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Hoàn tác</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Làm lại</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Cắt</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Sao chép</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Dán</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Xóa</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Chọn tất cả</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Show Details...</source>
            <translation>Xem chi tiết...</translation>
        </message>
        <message>
            <source>Hide Details...</source>
            <translation>Ẩn chi tiết...</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Lưu</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Mở</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Có</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>&amp;Không</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Áp dụng</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Trợ giúp</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Bỏ qua</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Thử lại</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Lờ đi</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Đặt lại</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>Khôi phục mặc định</translation>
        </message>
    </context>
    <context>
        <name>QScrollBar</name>
        <message>
            <source>Scroll here</source>
            <translation>Cuộn tới đây</translation>
        </message>
        <message>
            <source>Top</source>
            <translation>Lên đầu</translation>
        </message>
        <message>
            <source>Bottom</source>
            <translation>Xuống cuối</translation>
        </message>
        <message>
            <source>Page up</source>
            <translation>Lên một trang</translation>
        </message>
        <message>
            <source>Page down</source>
            <translation>Xuống một trang</translation>
        </message>
        <message>
            <source>Scroll up</source>
            <translation>Cuộn lên</translation>
        </message>
        <message>
            <source>Scroll down</source>
            <translation>Cuộn xuống</translation>
        </message>
        <message>
            <source>Left edge</source>
            <translation>Mép trái</translation>
        </message>
        <message>
            <source>Right edge</source>
            <translation>Mép phải</translation>
        </message>
        <message>
            <source>Page left</source>
            <translation>Sang trái một trang</translation>
        </message>
        <message>
            <source>Page right</source>
            <translation>Sang phải một trang</translation>
        </message>
        <message>
            <source>Scroll left</source>
            <translation>Cuộn sang trái</translation>
        </message>
        <message>
            <source>Scroll right</source>
            <translation>Cuộn sang phải</translation>
        </message>
    </context>
    <context>
        <name>QWidgetTextControl</name>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Hoàn tác</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Làm lại</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Cắt</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Sao chép</translation>
        </message>
        <message>
            <source>Copy &amp;Link Location</source>
            <translation>Sao chép địa chỉ &amp;liên kết</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Dán</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Xóa</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Chọn tất cả</translation>
        </message>
    </context>
    <context>
        <name>ReaderDocument</name>
        <message>
            <source>Photo: {name}</source>
            <translation>Ảnh: {name}</translation>
        </message>
        <message>
            <source>Picture not saved</source>
            <translation>Ảnh chưa được lưu</translation>
        </message>
        <message>
            <source>Picture cannot be shown</source>
            <translation>Không hiển thị được ảnh</translation>
        </message>
        <message>
            <source>No caption</source>
            <translation>Không có chú thích</translation>
        </message>
        <message>
            <source>Topics: </source>
            <translation>Chủ đề: </translation>
        </message>
        <message>
            <source>the page could not be fetched</source>
            <translation>không tải được trang</translation>
        </message>
        <message>
            <source>Not saved yet.</source>
            <translation>Chưa lưu.</translation>
        </message>
        <message>
            <source>Tags: </source>
            <translation>Thẻ: </translation>
        </message>
        <message>
            <source>Saved {date}</source>
            <translation>Đã lưu ngày {date}</translation>
        </message>
        <message>
            <source>Saved {date} from {source}</source>
            <translation>Đã lưu ngày {date} từ {source}</translation>
        </message>
        <message numerus="yes">
            <source>%n min read</source>
            <translation>
                <numerusform>%n phút đọc</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n word(s)</source>
            <translation>
                <numerusform>%n chữ</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReaderTheme</name>
        <message>
            <source>Light</source>
            <translation>Sáng</translation>
        </message>
        <message>
            <source>Sepia</source>
            <translation>Nâu cổ điển</translation>
        </message>
        <message>
            <source>Dark</source>
            <translation>Tối</translation>
        </message>
    </context>
    <context>
        <name>RelatedPanel</name>
        <message>
            <source>From this page</source>
            <translation>Từ trang này</translation>
        </message>
        <message>
            <source>Similar in your library</source>
            <translation>Tương tự trong thư viện</translation>
        </message>
        <message>
            <source>This page lists no other stories.</source>
            <translation>Trang này không liệt kê bài nào khác.</translation>
        </message>
        <message>
            <source>Nothing similar saved yet.</source>
            <translation>Chưa lưu bài nào tương tự.</translation>
        </message>
        <message>
            <source>Related stories</source>
            <translation>Tin liên quan</translation>
        </message>
        <message>
            <source>Looking…</source>
            <translation>Đang tìm…</translation>
        </message>
        <message>
            <source>Related stories ({count})</source>
            <translation>Tin liên quan ({count})</translation>
        </message>
        <message>
            <source>Hide the related stories</source>
            <translation>Ẩn tin liên quan</translation>
        </message>
        <message>
            <source>Show the related stories</source>
            <translation>Hiện tin liên quan</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Mở</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Lưu</translation>
        </message>
        <message>
            <source>Open original in browser</source>
            <translation>Mở bài gốc trong trình duyệt</translation>
        </message>
    </context>
    <context>
        <name>RelatedStoriesModel</name>
        <message>
            <source>Also saved as</source>
            <translation>Bản lưu khác</translation>
        </message>
        <message>
            <source>linked in the text</source>
            <translation>có liên kết trong bài</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>Đã lưu</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>Chưa lưu</translation>
        </message>
        <message>
            <source>Another saved copy of this story ({shared}% the same text)</source>
            <translation>Một bản đã lưu khác của bài này (giống {shared}% nội dung)</translation>
        </message>
        <message>
            <source>tag {name}</source>
            <translation>thẻ {name}</translation>
        </message>
        <message>
            <source>words: {words}</source>
            <translation>từ chung: {words}</translation>
        </message>
        <message>
            <source>Similar: {why}</source>
            <translation>Tương tự: {why}</translation>
        </message>
        <message>
            <source>Click to save it</source>
            <translation>Bấm để lưu</translation>
        </message>
        <message>
            <source>No address to save it from</source>
            <translation>Không có địa chỉ để lưu</translation>
        </message>
    </context>
    <context>
        <name>SaveCommands</name>
        <message>
            <source>Cannot save {what}.</source>
            <translation>Không lưu được {what}.</translation>
        </message>
        <message>
            <source>Nothing to save on the clipboard: copy a link, a file or part of a web page first.</source>
            <translation>Bộ nhớ tạm không có gì để lưu: hãy sao chép một liên kết, một tệp hoặc một đoạn trang web trước.</translation>
        </message>
        <message>
            <source>Save from address:</source>
            <translation>Lưu từ địa chỉ:</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Lưu</translation>
        </message>
        <message>
            <source>Cannot save “{address}”: it is neither a web address nor a file.</source>
            <translation>Không lưu được “{address}”: đây không phải địa chỉ web hay tệp.</translation>
        </message>
        <message>
            <source>Articles and feed lists ({patterns});;All files (*)</source>
            <translation>Bài viết và danh sách nguồn tin ({patterns});;Mọi tệp (*)</translation>
        </message>
        <message>
            <source>Import Files</source>
            <translation>Nhập tệp</translation>
        </message>
        <message>
            <source>“{title}” is not saved, and the page gave no address to save it from.</source>
            <translation>“{title}” chưa được lưu, và trang không cho địa chỉ để lưu.</translation>
        </message>
        <message>
            <source>“{title}” is not in your library.</source>
            <translation>“{title}” chưa có trong thư viện của bạn.</translation>
        </message>
        <message>
            <source>Open in Browser</source>
            <translation>Mở trong trình duyệt</translation>
        </message>
        <message>
            <source>Could not fetch “{title}”: {reason}. It is kept in Pending to fetch later.</source>
            <translation>Không tải được “{title}”: {reason}. Bài viết được giữ trong Chờ tải để tải lại sau.</translation>
        </message>
        <message>
            <source>Already saved; updated “{title}”</source>
            <translation>Đã lưu trước đó; đã cập nhật “{title}”</translation>
        </message>
        <message>
            <source>Saved “{title}”</source>
            <translation>Đã lưu “{title}”</translation>
        </message>
        <message>
            <source>Could not save {what}: {reason}</source>
            <translation>Không lưu được {what}: {reason}</translation>
        </message>
        <message numerus="yes">
            <source>Drop to tag %n article(s) “{tag}”</source>
            <translation>
                <numerusform>Thả để gắn thẻ “{tag}” cho %n bài viết</numerusform>
            </translation>
        </message>
        <message>
            <source>Drop to import feeds from {what}</source>
            <translation>Thả để nhập nguồn tin từ {what}</translation>
        </message>
        <message>
            <source>Cannot save this</source>
            <translation>Không lưu được nội dung này</translation>
        </message>
        <message>
            <source>Drop to save {what} and tag “{tag}”</source>
            <translation>Thả để lưu {what} và gắn thẻ “{tag}”</translation>
        </message>
        <message>
            <source>Drop to save {what}</source>
            <translation>Thả để lưu {what}</translation>
        </message>
    </context>
    <context>
        <name>ShortcutSheet</name>
        <message>
            <source>Other Keys</source>
            <translation>Phím khác</translation>
        </message>
        <message>
            <source>Keyboard Shortcuts</source>
            <translation>Phím tắt</translation>
        </message>
        <message>
            <source>Shortcuts</source>
            <translation>Phím tắt</translation>
        </message>
        <message>
            <source>Command</source>
            <translation>Lệnh</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Phím</translation>
        </message>
    </context>
    <context>
        <name>SidebarModel</name>
        <message>
            <source>Library</source>
            <translation>Thư viện</translation>
        </message>
        <message>
            <source>Feeds</source>
            <translation>Nguồn tin</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Thẻ</translation>
        </message>
        <message>
            <source>Topics</source>
            <translation>Chủ đề</translation>
        </message>
        <message>
            <source>the last check failed</source>
            <translation>lần kiểm tra gần nhất bị lỗi</translation>
        </message>
        <message>
            <source>All</source>
            <translation>Tất cả</translation>
        </message>
        <message>
            <source>Unread</source>
            <translation>Chưa đọc</translation>
        </message>
        <message>
            <source>Favorites</source>
            <translation>Yêu thích</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>Lưu trữ</translation>
        </message>
        <message>
            <source>Pending</source>
            <translation>Chờ tải</translation>
        </message>
        <message>
            <source>Highlights</source>
            <translation>Tô sáng</translation>
        </message>
        <message numerus="yes">
            <source>{label}, tag, %n article(s)</source>
            <translation>
                <numerusform>{label}, thẻ, %n bài viết</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{label}, topic, %n article(s)</source>
            <translation>
                <numerusform>{label}, chủ đề, %n bài viết</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{label}, view, %n article(s)</source>
            <translation>
                <numerusform>{label}, mục, %n bài viết</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Tag “{label}”: %n article(s). Drop articles, links or files here to tag them.</source>
            <translation>
                <numerusform>Thẻ “{label}”: %n bài viết. Thả bài viết, liên kết hoặc tệp vào đây để gắn thẻ.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Topic “{label}”, from the sites' own keywords: %n article(s)</source>
            <translation>
                <numerusform>Chủ đề “{label}”, theo từ khóa của trang: %n bài viết</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{label}: %n article(s)</source>
            <translation>
                <numerusform>{label}: %n bài viết</numerusform>
            </translation>
        </message>
        <message>
            <source>{label}, feed, refresh failed: {reason}</source>
            <translation>{label}, nguồn tin, cập nhật lỗi: {reason}</translation>
        </message>
        <message numerus="yes">
            <source>{label}, feed, %n unread</source>
            <translation>
                <numerusform>{label}, nguồn tin, %n bài chưa đọc</numerusform>
            </translation>
        </message>
        <message>
            <source>“{label}” could not be refreshed: {reason}</source>
            <translation>Không cập nhật được “{label}”: {reason}</translation>
        </message>
        <message numerus="yes">
            <source>{label}: {unread} unread of %n article(s)</source>
            <translation>
                <numerusform>{label}: {unread} bài chưa đọc trong %n bài viết</numerusform>
            </translation>
        </message>
        <message>
            <source>Read despite errors in the feed: {reason}</source>
            <translation>Vẫn đọc được dù nguồn tin có lỗi: {reason}</translation>
        </message>
        <message>
            <source>collapsed</source>
            <translation>đang thu gọn</translation>
        </message>
        <message>
            <source>expanded</source>
            <translation>đang mở</translation>
        </message>
        <message>
            <source>The sites' own keywords for their articles. Click to show or hide.</source>
            <translation>Từ khóa do các trang gắn cho bài viết. Bấm để hiện hoặc ẩn.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Tên</translation>
        </message>
        <message>
            <source>Articles</source>
            <translation>Số bài</translation>
        </message>
        <message numerus="yes">
            <source>Highlights: %n highlight(s) and note(s), newest first</source>
            <translation>
                <numerusform>Tô sáng: %n đoạn tô sáng và ghi chú, mới nhất trước</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SidebarView</name>
        <message>
            <source>Full page (fetch each article)</source>
            <translation>Toàn trang (tải từng bài viết)</translation>
        </message>
        <message>
            <source>Feed content only</source>
            <translation>Chỉ nội dung trong nguồn tin</translation>
        </message>
        <message>
            <source>Library views, feeds, tags and topics</source>
            <translation>Các mục thư viện, nguồn tin, thẻ và chủ đề</translation>
        </message>
        <message>
            <source>Tag %1</source>
            <translation>Thẻ %1</translation>
        </message>
        <message>
            <source>Rename…</source>
            <translation>Đổi tên…</translation>
        </message>
        <message>
            <source>Merge into…</source>
            <translation>Gộp vào…</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>Xóa…</translation>
        </message>
        <message>
            <source>Feed</source>
            <translation>Nguồn tin</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Cập nhật</translation>
        </message>
        <message>
            <source>Change tag…</source>
            <translation>Đổi thẻ…</translation>
        </message>
        <message>
            <source>Mode</source>
            <translation>Cách lưu</translation>
        </message>
        <message>
            <source>Unsubscribe…</source>
            <translation>Bỏ theo dõi…</translation>
        </message>
    </context>
    <context>
        <name>SubscribeDialog</name>
        <message>
            <source>Save each article's web page</source>
            <translation>Lưu trang web của từng bài viết</translation>
        </message>
        <message>
            <source>The complete article with its pictures, fetched from the site.</source>
            <translation>Bài viết đầy đủ kèm ảnh, tải từ trang gốc.</translation>
        </message>
        <message>
            <source>Use the text in the feed</source>
            <translation>Dùng nội dung có trong nguồn tin</translation>
        </message>
        <message>
            <source>Faster and lighter; some feeds carry only a summary.</source>
            <translation>Nhanh và nhẹ hơn; một số nguồn tin chỉ có phần tóm tắt.</translation>
        </message>
        <message>
            <source>Subscribe to Feed</source>
            <translation>Theo dõi nguồn tin</translation>
        </message>
        <message>
            <source>Feed or website address</source>
            <translation>Địa chỉ nguồn tin hoặc trang web</translation>
        </message>
        <message>
            <source>no tag</source>
            <translation>không gắn thẻ</translation>
        </message>
        <message>
            <source>Tag for the feed's articles</source>
            <translation>Thẻ cho bài viết của nguồn tin</translation>
        </message>
        <message>
            <source>A feed's address, or a website's: the first feed the page links to is used.</source>
            <translation>Địa chỉ nguồn tin, hoặc của trang web: dùng nguồn tin đầu tiên mà trang liên kết tới.</translation>
        </message>
        <message>
            <source>&amp;Address:</source>
            <translation>Đị&amp;a chỉ:</translation>
        </message>
        <message>
            <source>&amp;Tag:</source>
            <translation>&amp;Thẻ:</translation>
        </message>
        <message>
            <source>Articles:</source>
            <translation>Bài viết:</translation>
        </message>
        <message>
            <source>Subscribe</source>
            <translation>Theo dõi</translation>
        </message>
    </context>
    <context>
        <name>TagCommands</name>
        <message numerus="yes">
            <source>Tagged %n article(s) “{tag}”.</source>
            <translation>
                <numerusform>Đã gắn thẻ “{tag}” cho %n bài viết.</numerusform>
            </translation>
        </message>
        <message>
            <source>Rename tag “{tag}” to:</source>
            <translation>Đổi tên thẻ “{tag}” thành:</translation>
        </message>
        <message>
            <source>Rename</source>
            <translation>Đổi tên</translation>
        </message>
        <message>
            <source>Merge tag “{tag}” into:</source>
            <translation>Gộp thẻ “{tag}” vào:</translation>
        </message>
        <message>
            <source>Merge</source>
            <translation>Gộp</translation>
        </message>
        <message numerus="yes">
            <source>Delete the tag “{tag}” from %n article(s)? The articles stay.</source>
            <translation>
                <numerusform>Gỡ thẻ “{tag}” khỏi %n bài viết? Các bài viết vẫn được giữ.</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete Tag</source>
            <translation>Xóa thẻ</translation>
        </message>
        <message>
            <source>Could not rename “{tag}”</source>
            <translation>Không đổi tên được “{tag}”</translation>
        </message>
        <message>
            <source>Could not merge “{tag}”</source>
            <translation>Không gộp được “{tag}”</translation>
        </message>
        <message>
            <source>Could not delete “{tag}”</source>
            <translation>Không xóa được “{tag}”</translation>
        </message>
    </context>
    <context>
        <name>TaskRunner</name>
        <message>
            <source>the library is busy in another program; try again in a moment</source>
            <translation>thư viện đang bận ở một chương trình khác; hãy thử lại sau giây lát</translation>
        </message>
        <message>
            <source>the disk holding the library is full</source>
            <translation>ổ đĩa chứa thư viện đã đầy</translation>
        </message>
        <message>
            <source>the library file is read-only</source>
            <translation>tệp thư viện chỉ cho phép đọc</translation>
        </message>
        <message>
            <source>something went wrong ({error}); details are in {log}</source>
            <translation>đã xảy ra lỗi ({error}); chi tiết nằm trong {log}</translation>
        </message>
    </context>
    <context>
        <name>WindowActions</name>
        <message>
            <source>All</source>
            <translation>Tất cả</translation>
        </message>
        <message>
            <source>Unread</source>
            <translation>Chưa đọc</translation>
        </message>
        <message>
            <source>Favorites</source>
            <translation>Yêu thích</translation>
        </message>
        <message>
            <source>Archive</source>
            <translation>Lưu trữ</translation>
        </message>
        <message>
            <source>Pending</source>
            <translation>Chờ tải</translation>
        </message>
        <message>
            <source>&amp;Narrow</source>
            <translation>&amp;Hẹp</translation>
        </message>
        <message>
            <source>&amp;Medium</source>
            <translation>&amp;Vừa</translation>
        </message>
        <message>
            <source>&amp;Wide</source>
            <translation>&amp;Rộng</translation>
        </message>
        <message>
            <source>&amp;Compact</source>
            <translation>&amp;Sát</translation>
        </message>
        <message>
            <source>&amp;Normal</source>
            <translation>&amp;Bình thường</translation>
        </message>
        <message>
            <source>&amp;Relaxed</source>
            <translation>&amp;Thoáng</translation>
        </message>
        <message>
            <source>Save from &amp;Address…</source>
            <translation>Lưu từ đị&amp;a chỉ…</translation>
        </message>
        <message>
            <source>Save a web page by its address</source>
            <translation>Lưu một trang web theo địa chỉ</translation>
        </message>
        <message>
            <source>&amp;Import Files…</source>
            <translation>&amp;Nhập tệp…</translation>
        </message>
        <message>
            <source>Save articles from HTML, MHTML, text or Markdown files; import OPML feed lists</source>
            <translation>Lưu bài viết từ tệp HTML, MHTML, văn bản hoặc Markdown; nhập danh sách nguồn tin OPML</translation>
        </message>
        <message>
            <source>&amp;Subscribe to Feed…</source>
            <translation>&amp;Theo dõi nguồn tin…</translation>
        </message>
        <message>
            <source>Follow a feed: its new articles are saved as they come out</source>
            <translation>Theo dõi một nguồn tin: bài mới được lưu ngay khi đăng</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>T&amp;hoát</translation>
        </message>
        <message>
            <source>&amp;Undo Delete</source>
            <translation>&amp;Hoàn tác xóa</translation>
        </message>
        <message>
            <source>&amp;Paste Links or Files</source>
            <translation>&amp;Dán liên kết hoặc tệp</translation>
        </message>
        <message>
            <source>Save the links, files or web page selection on the clipboard</source>
            <translation>Lưu liên kết, tệp hoặc đoạn trang web trong bộ nhớ tạm</translation>
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation>&amp;Tìm kiếm…</translation>
        </message>
        <message>
            <source>Search the library</source>
            <translation>Tìm trong thư viện</translation>
        </message>
        <message>
            <source>&amp;Rename Tag…</source>
            <translation>Đổi tên &amp;thẻ…</translation>
        </message>
        <message>
            <source>&amp;Merge Tag Into…</source>
            <translation>&amp;Gộp thẻ vào…</translation>
        </message>
        <message>
            <source>D&amp;elete Tag…</source>
            <translation>&amp;Xóa thẻ…</translation>
        </message>
        <message>
            <source>&amp;Highlights</source>
            <translation>&amp;Tô sáng</translation>
        </message>
        <message>
            <source>Every highlight and note in the library, newest first</source>
            <translation>Mọi đoạn tô sáng và ghi chú trong thư viện, mới nhất trước</translation>
        </message>
        <message>
            <source>&amp;Next Article</source>
            <translation>Bài &amp;tiếp theo</translation>
        </message>
        <message>
            <source>&amp;Previous Article</source>
            <translation>Bài t&amp;rước</translation>
        </message>
        <message>
            <source>Page &amp;Down</source>
            <translation>Trang &amp;dưới</translation>
        </message>
        <message>
            <source>Page &amp;Up</source>
            <translation>Trang t&amp;rên</translation>
        </message>
        <message>
            <source>&amp;Larger Text (A+)</source>
            <translation>Chữ &amp;lớn hơn (A+)</translation>
        </message>
        <message>
            <source>Larger text in the reader</source>
            <translation>Chữ lớn hơn trong khung đọc</translation>
        </message>
        <message>
            <source>&amp;Smaller Text (A−)</source>
            <translation>Chữ &amp;nhỏ hơn (A−)</translation>
        </message>
        <message>
            <source>Smaller text in the reader</source>
            <translation>Chữ nhỏ hơn trong khung đọc</translation>
        </message>
        <message>
            <source>Se&amp;rif</source>
            <translation>Chữ có &amp;chân</translation>
        </message>
        <message>
            <source>Serif type in the reader</source>
            <translation>Kiểu chữ có chân trong khung đọc</translation>
        </message>
        <message>
            <source>S&amp;ans Serif</source>
            <translation>Chữ &amp;không chân</translation>
        </message>
        <message>
            <source>Sans-serif type in the reader</source>
            <translation>Kiểu chữ không chân trong khung đọc</translation>
        </message>
        <message>
            <source>{theme} reader theme</source>
            <translation>Giao diện đọc {theme}</translation>
        </message>
        <message>
            <source>F&amp;ocus Mode</source>
            <translation>Chế độ đọc &amp;tập trung</translation>
        </message>
        <message>
            <source>The reader alone, full screen (F11 or Esc to leave)</source>
            <translation>Chỉ khung đọc, toàn màn hình (bấm F11 hoặc Esc để thoát)</translation>
        </message>
        <message>
            <source>Leave Focus Mode</source>
            <translation>Thoát chế độ đọc tập trung</translation>
        </message>
        <message>
            <source>&amp;Related Stories</source>
            <translation>Tin &amp;liên quan</translation>
        </message>
        <message>
            <source>Show or hide the related stories under the reader</source>
            <translation>Hiện hoặc ẩn tin liên quan bên dưới khung đọc</translation>
        </message>
        <message>
            <source>Highlights &amp;Pane</source>
            <translation>Ngăn &amp;tô sáng</translation>
        </message>
        <message>
            <source>Show or hide the open article's highlights and notes beside the reader</source>
            <translation>Hiện hoặc ẩn các đoạn tô sáng và ghi chú của bài đang mở, bên cạnh khung đọc</translation>
        </message>
        <message>
            <source>Re&amp;fresh Feeds</source>
            <translation>&amp;Cập nhật nguồn tin</translation>
        </message>
        <message>
            <source>Check every feed for new articles now</source>
            <translation>Kiểm tra bài mới ở mọi nguồn tin ngay bây giờ</translation>
        </message>
        <message>
            <source>Mark &amp;Read / Unread</source>
            <translation>Đánh dấu &amp;đã đọc / chưa đọc</translation>
        </message>
        <message>
            <source>&amp;Favourite</source>
            <translation>&amp;Yêu thích</translation>
        </message>
        <message>
            <source>&amp;Archive</source>
            <translation>&amp;Lưu trữ</translation>
        </message>
        <message>
            <source>Add &amp;Tag…</source>
            <translation>Gắn &amp;thẻ…</translation>
        </message>
        <message>
            <source>&amp;Open Original in Browser</source>
            <translation>&amp;Mở bài gốc trong trình duyệt</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Xóa</translation>
        </message>
        <message>
            <source>&amp;Highlight Selection</source>
            <translation>&amp;Tô sáng đoạn chọn</translation>
        </message>
        <message>
            <source>Highlight the selected text</source>
            <translation>Tô sáng đoạn văn bản đã chọn</translation>
        </message>
        <message>
            <source>Add &amp;Note…</source>
            <translation>Thêm &amp;ghi chú…</translation>
        </message>
        <message>
            <source>Write a note on the highlight under the cursor, or on the article</source>
            <translation>Viết ghi chú cho đoạn tô sáng tại con trỏ, hoặc cho bài viết</translation>
        </message>
        <message>
            <source>&amp;Remove Highlight</source>
            <translation>&amp;Bỏ tô sáng</translation>
        </message>
        <message>
            <source>Remove the highlight under the cursor (its note goes too)</source>
            <translation>Bỏ đoạn tô sáng tại con trỏ (kèm cả ghi chú)</translation>
        </message>
        <message>
            <source>Article Menu</source>
            <translation>Menu bài viết</translation>
        </message>
        <message>
            <source>The selected articles' commands, at the current row</source>
            <translation>Các lệnh cho những bài viết đang chọn, tại dòng hiện tại</translation>
        </message>
        <message>
            <source>Mark All in View as &amp;Read</source>
            <translation>Đánh dấu tất cả trong mục là đã &amp;đọc</translation>
        </message>
        <message>
            <source>Mark every unread article in the list as read</source>
            <translation>Đánh dấu mọi bài chưa đọc trong danh sách là đã đọc</translation>
        </message>
        <message>
            <source>&amp;Keyboard Shortcuts</source>
            <translation>&amp;Phím tắt</translation>
        </message>
        <message>
            <source>Every key the window answers to</source>
            <translation>Mọi phím tắt của cửa sổ</translation>
        </message>
        <message>
            <source>Open &amp;Log Folder</source>
            <translation>Mở thư mục &amp;nhật ký</translation>
        </message>
        <message>
            <source>Show the folder with Readshelf's log, to attach to a bug report</source>
            <translation>Mở thư mục chứa nhật ký của Readshelf, để đính kèm khi báo lỗi</translation>
        </message>
        <message>
            <source>&amp;About Readshelf</source>
            <translation>&amp;Giới thiệu Readshelf</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Tệp</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Sửa</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Xem</translation>
        </message>
        <message>
            <source>&amp;Theme</source>
            <translation>&amp;Giao diện</translation>
        </message>
        <message>
            <source>Line &amp;Width</source>
            <translation>Độ &amp;rộng dòng</translation>
        </message>
        <message>
            <source>Line &amp;Spacing</source>
            <translation>&amp;Giãn dòng</translation>
        </message>
        <message>
            <source>&amp;Article</source>
            <translation>&amp;Bài viết</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>Trợ &amp;giúp</translation>
        </message>
    </context>
</TS>
