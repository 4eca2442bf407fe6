"""Charts (Altair), maps (folium), map images and export files, with one palette."""
