"""Every figure Sorot shows, computed once, without Streamlit.

Pages, exports and tests call these functions with a warehouse connection, the viewer's
``Scope`` (which OPD they may see) and the ``Filters`` of the view. Metrics are Ibis expressions
over the warehouse marts (DuckDB by default).
"""
