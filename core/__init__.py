"""GradLab core."""
