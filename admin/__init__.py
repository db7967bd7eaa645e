"""Administration for Diskominfo admins, without Streamlit: loading uploaded exports with a report per file
(loading.py), and validated edits of the registry and holiday calendar (registry_edit.py) and of the norms
(norms_edit.py); the files they act on (paths.py).

Layers: the read-only figures live in analytics/ and the screens in ui/ and pages/, none of which import the
ETL; admin/ is the one place the app reaches into etl/ (the loader, the registry reader, their errors).
"""
