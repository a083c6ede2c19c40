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
        <name>SidebarModel</name>
        <message numerus="yes">
            <source>Highlights: %n highlight(s) and note(s), newest first</source>
            <translation>
                <numerusform>Highlights: %n highlight and note, newest first</numerusform>
                <numerusform>Highlights: %n highlights and notes, newest first</numerusform>
            </translation>
        </message>
    </context>
</TS>
