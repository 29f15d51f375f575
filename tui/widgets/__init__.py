"""What the three apps share: the budget tree, the search bar, the help screen."""
