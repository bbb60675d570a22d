"""GradLab gui."""
