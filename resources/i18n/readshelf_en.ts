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
            <source>%1, tag, %n article(s)</source>
            <translation>
                <numerusform>%1, tag, %n article</numerusform>
                <numerusform>%1, tag, %n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1, topic, %n article(s)</source>
            <translation>
                <numerusform>%1, topic, %n article</numerusform>
                <numerusform>%1, topic, %n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1, view, %n article(s)</source>
            <translation>
                <numerusform>%1, view, %n article</numerusform>
                <numerusform>%1, view, %n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: %2 unread of %n article(s)</source>
            <translation>
                <numerusform>%1: %2 unread of %n article</numerusform>
                <numerusform>%1: %2 unread of %n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: %n article(s)</source>
            <translation>
                <numerusform>%1: %n article</numerusform>
                <numerusform>%1: %n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Highlights: %n highlight(s) and note(s), newest first</source>
            <translation>
                <numerusform>Highlights: %n highlight and note, newest first</numerusform>
                <numerusform>Highlights: %n highlights and notes, newest first</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Tag “%1”: %n article(s). Drop articles, links or files here to tag them.</source>
            <translation>
                <numerusform>Tag “%1”: %n article. Drop articles, links or files here to tag them.</numerusform>
                <numerusform>Tag “%1”: %n articles. Drop articles, links or files here to tag them.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Topic “%1”, from the sites' own keywords: %n article(s)</source>
            <translation>
                <numerusform>Topic “%1”, from the sites' own keywords: %n article</numerusform>
                <numerusform>Topic “%1”, from the sites' own keywords: %n articles</numerusform>
            </translation>
        </message>
    </context>
</TS>
