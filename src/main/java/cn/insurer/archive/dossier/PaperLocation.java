package cn.insurer.archive.dossier;

/** Where a dossier's paper original is kept: the store room, the shelf in it and the box on the shelf. */
public record PaperLocation(String room, String shelf, String box) {

    /** As printed on registers and labels: 室 / 架 / 盒. */
    public String describe() {
        return room + " / " + shelf + " / " + box;
    }
}
