"""The steering cycle (Simons' levers) and the client experience survey (art. 2.5.1 Wmo 2015)."""
