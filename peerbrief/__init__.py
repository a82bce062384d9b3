"""peerbrief: turn NHS England evidence briefs into clean bibliographic data."""
