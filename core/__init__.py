"""Core: the shared vocabulary every layer speaks.

Records (``models``), text folding (``text``), addresses (``urls``), the
reader-HTML allow-list (``reader_html``), capture limits and errors, and
diagnostics (``logs``). Imports nothing else of ours.
"""
