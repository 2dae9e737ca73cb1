"""Use cases on the database: each public function is one transaction's worth of work."""
