"""The MNIST tab: the 784-512-256-10 network trains live; runs queue and overlay.

- `tab`: `MnistTab`, the tab (queue, start, stop, resume, save, load)
- `controls`, `hyper`: the settings of the next run; `data_panel`: finding the data
- `queue`: the runs' list; `runs`: each run's buffers, colour and label
- `runner`: trains the queue, one run after another, in the worker
- `progress`: the progress bar's text
- `view`: the plots and pictures; `plots`, `images`, `digit_grid`: their parts
- `export`: the plots and curves as files
"""
