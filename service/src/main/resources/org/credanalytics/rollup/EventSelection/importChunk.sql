-- Every event staged for an import chunk: its transaction staged only the chunk's new events.
TRUE
