"""Reading a bank: strict YAML with positions, one reader per question type, the source text."""
