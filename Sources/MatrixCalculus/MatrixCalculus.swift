// The MatrixCalculus stage of calcbook; see Package.swift for the pipeline.
