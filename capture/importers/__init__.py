"""Export files of other readers, read into plain records (``core.imported``).

One module per format: ``pocket`` (the 2025 zip of CSVs and the older
``ril_export.html``), ``instapaper``, ``omnivore``, ``wallabag``, ``readwise``
(Reader) and ``bookmarks`` (the Netscape format browsers export);
``detect`` tells them apart and reads a file with the right one. Nothing
here touches the network or the library.
"""
