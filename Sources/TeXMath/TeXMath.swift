// The TeXMath stage of calcbook; see Package.swift for the pipeline.
