import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

# tests/guides holds TF's guide code cells: run by test_guides.py through the runner, never imported
collect_ignore = ["guides", "fixtures"]  # fixtures: scripts run by hand with Keras (see HACKING.md)
