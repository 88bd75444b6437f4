-- A box label lists, and scanning it finds, the dossiers recorded in that box.
create index dossier_paper_box on dossier (paper_room, paper_shelf, paper_box) where paper_room is not null;
