"""The pieces of ``Trainer`` (``keras/trainer.py``): ``data_adapter`` (input data to batched
Datasets) and ``compile_utils`` (the loss and metric containers ``compile`` builds)."""
