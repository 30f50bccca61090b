"""Read models for the pages: every query takes the viewer's company and filters by it."""
