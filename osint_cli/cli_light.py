"""Value conversion for the ``osint`` command without pydantic.

Typer 0.29 converts every command-line value through a pydantic ``TypeAdapter``; importing
pydantic for that costs about 90 ms of every command (more than a tenth of ``osint
summarize``'s own start-up). Our parameters are plain (``str``, ``bool``, ``int`` and
``float`` with bounds, ``Path``, an ``Enum`` of choices, a list of ``str``), so ``lighten`` gives each
such parameter a converter of its own with typer's behaviour and its error messages. It
relies on typer's private coercion layer, hence every step is guarded: with another typer
(older ones use no pydantic at all) it changes nothing, and a parameter it does not know
keeps typer's own converter.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import typer


def lighten(command: Any) -> Any:
    """Give the parameters of ``command`` (a click command, groups walked) pydantic-free converters."""
    try:
        from typer._coercion import RuntimeParam
    except ImportError:  # a typer without the pydantic layer
        return command
    light = _light_class(RuntimeParam)

    def give(param: Any) -> Any:
        desc = getattr(param, "type_descriptor", None)
        if desc is None or getattr(param, "_runtime_param", "missing") is not None or desc.file_annotation is not None:
            return param
        if _supported(desc.annotation, desc.parameter_info):
            param._runtime_param = light(annotation=desc.annotation, parameter_info=desc.parameter_info)
        return param

    for cmd in _commands(command):
        for param in getattr(cmd, "params", []):
            give(param)
        made = getattr(cmd, "get_help_option", None)
        if made is not None:  # -h/--help is made per context, outside ``params``
            cmd.get_help_option = lambda ctx, made=made: give(made(ctx))
    return command


def _commands(command: Any) -> list[Any]:
    out = [command]
    for sub in getattr(command, "commands", {}).values():
        out += _commands(sub)
    return out


def _supported(annotation: Any, info: Any) -> bool:
    if getattr(info, "parser", None) is not None or getattr(info, "clamp", False) or getattr(info, "formats", None):
        return False
    if get_origin(annotation) is list:
        return get_args(annotation) == (str,)
    if annotation is Path:  # a plain path: no existence, permission or resolution checks asked for
        return not any(getattr(info, flag, False) for flag in ("exists", "writable", "resolve_path", "allow_dash")) and \
            getattr(info, "file_okay", True) and getattr(info, "dir_okay", True)
    return annotation in (str, int, float, bool) or (isinstance(annotation, type) and issubclass(annotation, Enum))


def _light_class(base: type) -> type:
    class LightRuntimeParam(base):  # type: ignore[misc, valid-type]
        """typer's RuntimeParam contract, converting without pydantic."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if get_origin(self.annotation) is list:
                return [_text(v) for v in value]
            return convert(self.annotation, self.parameter_info, value, param, ctx)

    return LightRuntimeParam


_TRUE = frozenset({"1", "true", "t", "yes", "y", "on"})
_FALSE = frozenset({"0", "false", "f", "no", "n", "off"})


def _num(x: float) -> str:
    """A bound as pydantic prints it: 0.0 -> 0."""
    return str(int(x)) if float(x).is_integer() else str(x)


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def convert(annotation: Any, info: Any, value: Any, param: Any = None, ctx: Any = None) -> Any:
    """One value as typer would give it, with its (pydantic's) error messages: the Enum member,
    a bool, a bounded number, a Path or str."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        if isinstance(value, annotation):
            return value
        fold = (lambda s: s) if getattr(info, "case_sensitive", True) else str.casefold
        for member in annotation:
            if fold(str(member.value)) == fold(_text(value)):
                return member
        choices = ", ".join(repr(str(m.value)) for m in annotation)
        raise typer.BadParameter(f"Value error, {value!r} is not one of {choices}.", ctx=ctx, param=param)
    if annotation is bool:  # a flag gives a bool already; a value from the environment or a prompt is text
        if isinstance(value, bool):
            return value
        word = _text(value).strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        raise typer.BadParameter(f"{value!r} is not a valid boolean.", ctx=ctx, param=param)
    if annotation in (int, float):
        try:
            number = annotation(_text(value).strip()) if not isinstance(value, annotation) else value
        except ValueError:
            kind = "integer" if annotation is int else "number"
            raise typer.BadParameter(f"Input should be a valid {kind}, unable to parse string as {'an' if kind == 'integer' else 'a'} {kind}",
                                     ctx=ctx, param=param) from None
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        if low is not None and number < low:
            raise typer.BadParameter(f"Input should be greater than or equal to {_num(low)}", ctx=ctx, param=param)
        if high is not None and number > high:
            raise typer.BadParameter(f"Input should be less than or equal to {_num(high)}", ctx=ctx, param=param)
        return number
    if annotation is Path:
        return Path(_text(value))
    return _text(value)
