"""Detection: Presidio's AnalyzerEngine (language `nl`) with Dutch recognizers, plus table columns."""
