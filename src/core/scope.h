/* scope.h - what an API key may do: chat, or chat and administer. */
#ifndef LINELEAD_SCOPE_H
#define LINELEAD_SCOPE_H

enum scope { SCOPE_NONE = 0, SCOPE_CHAT, SCOPE_ADMIN };

/* "admin" / "chat" -> scope; SCOPE_NONE when unknown. */
enum scope scope_parse(const char *name);
/* "admin", "chat" or "none"; static. */
const char *scope_name(enum scope scope);

#endif
