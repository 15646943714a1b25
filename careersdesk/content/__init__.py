"""The bundled careers library: source files -> checked -> built content.db -> read, searched
and matched against a pupil's interests.

    schema.py    the source files' dataclasses and readers
    check.py     check_content(source_dir, facts_path) -> list[ContentProblem]
    build.py     build_content(source_dir, facts_path, out_path) -> BuildReport
    library.py   CareersLibrary: jobs, categories, qualifications, quiz, search, suggest
    search.py    search as you type (SearchFilters, SearchResult)
    matching.py  score_answers(answers, quiz), suggest_jobs(scores, library, ...)
    commands.py  careersdesk-admin content … / jobs search …
    bench.py     content_figures() for careersdesk-admin bench
"""
