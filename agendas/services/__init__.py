"""Operations on agendas, one module per concern: `document` (what the page and the PDFs
show, and who may see which part), `publishing` (versions, their differences, the referat,
the search text), `editing` (sections, standard items, closing and moving items), `search`
and `text_import` (an agenda from plain text)."""
