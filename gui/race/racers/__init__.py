"""The race's racers panel: one card per optimizer, with its hyperparameter controls.

- `panel`: the list of cards and the "Add" row
- `card`: one racer's colour, name, visibility, status, hyperparameters, update rule
- `hyper`: one hyperparameter's spin box and (log-scaled where it should be) slider
"""
