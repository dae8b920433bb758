"""The course site's build-time code: MkDocs hooks and the quiz cards they render."""
