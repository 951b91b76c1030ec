"""Starting a project and a bank: the files a teacher begins with."""
