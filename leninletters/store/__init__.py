"""Stores behind the one door (`store.edition.Edition`): the JSON corpus in memory; an index can follow."""
