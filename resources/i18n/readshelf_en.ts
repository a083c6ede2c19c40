<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
    <context>
        <name>ArticleCommands</name>
        <message numerus="yes">
            <source>Added %n article(s) to favourites</source>
            <translation>
                <numerusform>Added %n article to favourites</numerusform>
                <numerusform>Added %n articles to favourites</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Archived %n article(s)</source>
            <translation>
                <numerusform>Archived %n article</numerusform>
                <numerusform>Archived %n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Copied %n link(s)</source>
            <translation>
                <numerusform>Copied %n link</numerusform>
                <numerusform>Copied %n links</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Deleted %n article(s).</source>
            <translation>
                <numerusform>Deleted %n article.</numerusform>
                <numerusform>Deleted %n articles.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Marked %n article(s) read</source>
            <translation>
                <numerusform>Marked %n article read</numerusform>
                <numerusform>Marked %n articles read</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Marked %n article(s) read.</source>
            <translation>
                <numerusform>Marked %n article read.</numerusform>
                <numerusform>Marked %n articles read.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Marked %n article(s) unread</source>
            <translation>
                <numerusform>Marked %n article unread</numerusform>
                <numerusform>Marked %n articles unread</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Removed %n article(s) from favourites</source>
            <translation>
                <numerusform>Removed %n article from favourites</numerusform>
                <numerusform>Removed %n articles from favourites</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Removed “{tag}” from %n article(s)</source>
            <translation>
                <numerusform>Removed “{tag}” from %n article</numerusform>
                <numerusform>Removed “{tag}” from %n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Tagged %n article(s) “{tags}”</source>
            <translation>
                <numerusform>Tagged %n article “{tags}”</numerusform>
                <numerusform>Tagged %n articles “{tags}”</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unarchived %n article(s)</source>
            <translation>
                <numerusform>Unarchived %n article</numerusform>
                <numerusform>Unarchived %n articles</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Drops</name>
        <message numerus="yes">
            <source>%n export(s) to import</source>
            <translation>
                <numerusform>%n export to import</numerusform>
                <numerusform>%n exports to import</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n feed list(s)</source>
            <translation>
                <numerusform>%n feed list</numerusform>
                <numerusform>%n feed lists</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n file</numerusform>
                <numerusform>%n files</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n link(s)</source>
            <translation>
                <numerusform>%n link</numerusform>
                <numerusform>%n links</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n selection(s)</source>
            <translation>
                <numerusform>%n selection</numerusform>
                <numerusform>%n selections</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FeedCommands</name>
        <message numerus="yes">
            <source>%n new article(s)</source>
            <translation>
                <numerusform>%n new article</numerusform>
                <numerusform>%n new articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Added %n feed(s) from {name}</source>
            <translation>
                <numerusform>Added %n feed from {name}</numerusform>
                <numerusform>Added %n feeds from {name}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Importing %n feed list(s)</source>
            <translation>
                <numerusform>Importing %n feed list</numerusform>
                <numerusform>Importing %n feed lists</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unsubscribed from “{name}”; %n article(s) deleted.</source>
            <translation>
                <numerusform>Unsubscribed from “{name}”; %n article deleted.</numerusform>
                <numerusform>Unsubscribed from “{name}”; %n articles deleted.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <source>%n article(s)</source>
            <translation>
                <numerusform>%n article</numerusform>
                <numerusform>%n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n article(s) in this view</source>
            <translation>
                <numerusform>%n article in this view</numerusform>
                <numerusform>%n articles in this view</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n highlight(s) and note(s)</source>
            <translation>
                <numerusform>%n highlight and note</numerusform>
                <numerusform>%n highlights and notes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n match(es) for “{query}”</source>
            <translation>
                <numerusform>%n match for “{query}”</numerusform>
                <numerusform>%n matches for “{query}”</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReaderDocument</name>
        <message numerus="yes">
            <source>%n word(s)</source>
            <translation>
                <numerusform>%n word</numerusform>
                <numerusform>%n words</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SaveCommands</name>
        <message numerus="yes">
            <source>Drop to tag %n article(s) “{tag}”</source>
            <translation>
                <numerusform>Drop to tag %n article “{tag}”</numerusform>
                <numerusform>Drop to tag %n articles “{tag}”</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SidebarModel</name>
        <message numerus="yes">
            <source>Highlights: %n highlight(s) and note(s), newest first</source>
            <translation>
                <numerusform>Highlights: %n highlight and note, newest first</numerusform>
                <numerusform>Highlights: %n highlights and notes, newest first</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Tag “{label}”: %n article(s). Drop articles, links or files here to tag them.</source>
            <translation>
                <numerusform>Tag “{label}”: %n article. Drop articles, links or files here to tag them.</numerusform>
                <numerusform>Tag “{label}”: %n articles. Drop articles, links or files here to tag them.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Topic “{label}”, from the sites' own keywords: %n article(s)</source>
            <translation>
                <numerusform>Topic “{label}”, from the sites' own keywords: %n article</numerusform>
                <numerusform>Topic “{label}”, from the sites' own keywords: %n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{label}, tag, %n article(s)</source>
            <translation>
                <numerusform>{label}, tag, %n article</numerusform>
                <numerusform>{label}, tag, %n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{label}, topic, %n article(s)</source>
            <translation>
                <numerusform>{label}, topic, %n article</numerusform>
                <numerusform>{label}, topic, %n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{label}, view, %n article(s)</source>
            <translation>
                <numerusform>{label}, view, %n article</numerusform>
                <numerusform>{label}, view, %n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{label}: %n article(s)</source>
            <translation>
                <numerusform>{label}: %n article</numerusform>
                <numerusform>{label}: %n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{label}: {unread} unread of %n article(s)</source>
            <translation>
                <numerusform>{label}: {unread} unread of %n article</numerusform>
                <numerusform>{label}: {unread} unread of %n articles</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TagCommands</name>
        <message numerus="yes">
            <source>Delete the tag “{tag}” from %n article(s)? The articles stay.</source>
            <translation>
                <numerusform>Delete the tag “{tag}” from %n article? The articles stay.</numerusform>
                <numerusform>Delete the tag “{tag}” from %n articles? The articles stay.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Tagged %n article(s) “{tag}”.</source>
            <translation>
                <numerusform>Tagged %n article “{tag}”.</numerusform>
                <numerusform>Tagged %n articles “{tag}”.</numerusform>
            </translation>
        </message>
    </context>
</TS>
