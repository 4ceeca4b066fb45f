/* The floor for the wizard's terminal benchmark: the least a C program can do with ncurses to
 * show a five-line menu, move a highlight with the arrow keys, and quit on q. The wizard is
 * measured against this in the same run (scripts/bench-tui.sh). */
#include <curses.h>
#include <locale.h>

int main(void) {
    const char *items[] = {"First", "Second", "Third", "Fourth", "Quit"};
    int selected = 0, key = 0;
    setlocale(LC_ALL, "");
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    do {
        if (key == KEY_DOWN && selected < 4) selected++;
        if (key == KEY_UP && selected > 0) selected--;
        erase();
        box(stdscr, 0, 0);
        for (int i = 0; i < 5; i++) {
            if (i == selected) attron(A_REVERSE);
            mvprintw(3 + i, 4, "%d %s", i + 1, items[i]);
            if (i == selected) attroff(A_REVERSE);
        }
        refresh();
    } while ((key = getch()) != 'q');
    endwin();
    return 0;
}
