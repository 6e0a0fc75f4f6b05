"""The bank editor: a question list, a form for one question derived from its type, a YAML view, the
material beside it, and "try it". The editing itself is `content.editing`; these screens show it and
forward keys, and its slow work (loading, checks, saving, autosave) runs in thread workers."""
