"""Where results leave the process: views with their JSON, plain and Rich faces, the pager, the streams,
files written whole, and text made safe for a terminal."""
