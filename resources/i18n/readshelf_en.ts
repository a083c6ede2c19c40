<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <source>%n highlight(s) and note(s)</source>
            <translation>
                <numerusform>%n highlight and note</numerusform>
                <numerusform>%n highlights and notes</numerusform>
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
</TS>
