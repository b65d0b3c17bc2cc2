"""English word lists and learned weights; each file says where its entries come from."""
