"""Pieces every tab's plots share: text that fits its plot, and surfaces as pictures.

- `axes`: `TidyAxis`, tick labels that never overlap (1-2-5, powers of ten); `share_width`
- `fonts`: presenter mode for text inside pyqtgraph scenes (`scale_plot_text`, ...)
- `legend`: `fit_legend`, entries cut short with "…" to the plot's width
- `notes`: `place_note`, a note placed clear of the curves with an arrow to its point
- `title`: `fit_titles`, titles that never widen their plot
- `surface_layer`: `SurfaceLayer`, a loss surface's heatmap, contours, colour bar, minima
"""
