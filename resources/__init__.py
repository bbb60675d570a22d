"""GradLab resources."""
