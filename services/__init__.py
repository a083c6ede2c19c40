"""Services: the workflows, the one place where capture meets storage.

Saving (an address, a file, a selection; retry; re-extract), feeds
(subscribe, refresh, OPML), import and export, the bundled samples. The
window and the command line both call these; neither repeats their logic.
"""
