"""Places: regions and their prepared boundaries, labels of places, the geodata build."""
