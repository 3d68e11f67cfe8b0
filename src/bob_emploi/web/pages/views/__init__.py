"""The views of the job seeker's pages, one module per part of the site."""
