"""Language data: word lists and learned weights, one file per list, apart from the logic."""
