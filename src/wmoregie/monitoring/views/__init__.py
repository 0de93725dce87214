"""Pages of the monitoring: dashboards, CBS-comparable figures and their exports."""
