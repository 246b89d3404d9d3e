/* theme.c: read NAME.theme files (git-config syntax) into a style per colour role */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "handoff/conf.h"
#include "handoff/paths.h"
#include "handoff/tui_theme.h"
#include "handoff/xmalloc.h"

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned attr;
} attr_names[] = {
	{"bold", HF_ATTR_BOLD},		  {"dim", HF_ATTR_DIM},		{"ul", HF_ATTR_UNDERLINE},
	{"underline", HF_ATTR_UNDERLINE}, {"reverse", HF_ATTR_REVERSE}, {"italic", HF_ATTR_ITALIC},
	{"blink", HF_ATTR_BLINK},
};

/* One colour word: true with *out set, false when the word is not a colour. */
static bool parse_color(const char *w, int *out)
{
	char *end;
	long v;

	if (!strcasecmp(w, "default") || !strcasecmp(w, "normal")) {
		*out = HF_COLOR_NONE;
		return true;
	}
	for (int i = 0; i < 8; i++) {
		if (!strcasecmp(w, color_names[i])) {
			*out = i;
			return true;
		}
		if (!strncasecmp(w, "bright", 6) && !strcasecmp(w + 6, color_names[i])) {
			*out = i + 8;
			return true;
		}
	}
	if (w[0] == '#' && strlen(w) == 7) {
		v = strtol(w + 1, &end, 16);
		if (*end)
			return false;
		*out = HF_RGB_FLAG | (int)v;
		return true;
	}
	if (w[0] >= '0' && w[0] <= '9') {
		v = strtol(w, &end, 10);
		if (*end || v > 255)
			return false;
		*out = (int)v;
		return true;
	}
	return false;
}

enum hf_status hf_style_parse(const char *value, struct hf_style *style)
{
	struct hf_style s = {HF_COLOR_NONE, HF_COLOR_NONE, 0};
	int ncolors = 0;
	const char *p = value;

	while (*p) {
		size_t len;
		char word[32];
		int c;
		bool known = false;

		while (*p == ' ' || *p == '\t')
			p++;
		len = strcspn(p, " \t");
		if (!len)
			break;
		if (len >= sizeof(word))
			return hf_error(HF_EINVAL, "'%.*s' is not a colour or attribute", (int)len,
					p);
		memcpy(word, p, len);
		word[len] = '\0';
		p += len;
		for (size_t i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++) {
			if (!strcasecmp(word, attr_names[i].name)) {
				s.attrs |= attr_names[i].attr;
				known = true;
			}
		}
		if (known)
			continue;
		if (!parse_color(word, &c))
			return hf_error(HF_EINVAL, "'%s' is not a colour or attribute", word);
		if (ncolors == 2)
			return hf_error(HF_EINVAL,
					"'%s': only a foreground and a background colour", word);
		if (ncolors++ == 0)
			s.fg = c;
		else
			s.bg = c;
	}
	*style = s;
	return HF_OK;
}

struct load_ctx {
	struct hf_theme *theme;
};

static void warn(struct hf_theme *t, const char *key, const char *msg)
{
	t->warnings = xrealloc(t->warnings, (t->nwarnings + 1) * sizeof(*t->warnings));
	t->warnings[t->nwarnings++] = xasprintf("%s: %s: %s", t->path, key, msg);
}

static int theme_entry(const char *name, const char *value, void *data)
{
	struct load_ctx *ctx = data;
	int role;

	if (strncmp(name, "color.", 6)) {
		if (strncmp(name, "theme.", 6))
			warn(ctx->theme, name, "unknown key (themes have [color] ROLE = COLOURS)");
		return 0;
	}
	role = hf_color_parse(name + 6);
	if (role < 0) {
		warn(ctx->theme, name, "no such colour role");
		return 0;
	}
	if (hf_style_parse(value ? value : "", &ctx->theme->styles[role]))
		warn(ctx->theme, name, hf_last_error());
	return 0;
}

static void theme_defaults(struct hf_theme *t)
{
	for (int i = 0; i < HF_COLOR__COUNT; i++) {
		t->styles[i].fg = HF_COLOR_NONE;
		t->styles[i].bg = HF_COLOR_NONE;
		t->styles[i].attrs = 0;
	}
	t->styles[HF_COLOR_SELECTED].attrs = HF_ATTR_REVERSE;
}

enum hf_status hf_theme_load_file(const char *path, struct hf_theme *theme)
{
	struct load_ctx ctx = {theme};
	const char *base = strrchr(path, '/');
	enum hf_status rc;
	size_t len;

	memset(theme, 0, sizeof(*theme));
	theme_defaults(theme);
	theme->path = xstrdup(path);
	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 6 && !strcmp(base + len - 6, ".theme"))
		len -= 6;
	theme->name = xstrndup(base, len);
	rc = hf_conf_foreach(path, theme_entry, &ctx);
	if (rc)
		hf_theme_clear(theme);
	return rc;
}

enum hf_status hf_theme_load(const char *name, struct hf_theme *theme)
{
	char *dir, *path;
	struct stat st;
	enum hf_status rc;

	if (!*name || strchr(name, '/') || name[0] == '.')
		return hf_error(HF_EINVAL, "'%s' is not a theme name", name);
	dir = hf_path_config_dir();
	path = xasprintf("%s/themes/%s.theme", dir, name);
	free(dir);
	if (stat(path, &st)) {
		char *rel = xasprintf("themes/%s.theme", name);

		free(path);
		path = hf_path_shared_file(rel);
		free(rel);
		if (stat(path, &st)) {
			free(path);
			return hf_error(HF_ENOTFOUND,
					"no theme '%s' (dark, light, high-contrast, mono)", name);
		}
	}
	rc = hf_theme_load_file(path, theme);
	free(path);
	return rc;
}

void hf_theme_clear(struct hf_theme *theme)
{
	free(theme->name);
	free(theme->path);
	hf_strv_free(theme->warnings, theme->nwarnings);
	memset(theme, 0, sizeof(*theme));
}
