"""The quarterly report (PDF per municipality and for the region): see docs/monitoring.md."""
