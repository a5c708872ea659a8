// The Markdown stage of calcbook; see Package.swift for the pipeline.
