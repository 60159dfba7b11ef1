#!/usr/bin/env python3
"""Writes src/Keqing/Resources/SharedResource.zh-CN.resx from tools/zh-CN.tsv (English key <TAB> Chinese text).
English is the key itself, so only Chinese needs a resource file. Run: python3 tools/resx.py"""
import html, pathlib
root = pathlib.Path(__file__).resolve().parent.parent
rows = [l.split('\t', 1) for l in (root / 'tools/zh-CN.tsv').read_text(encoding='utf-8').splitlines() if l.strip() and not l.startswith('#')]
out = ['<?xml version="1.0" encoding="utf-8"?>', '<root>',
       '  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>',
       '  <resheader name="version"><value>2.0</value></resheader>',
       '  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>',
       '  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>']
for key, value in sorted(rows):
    out.append(f'  <data name="{html.escape(key, quote=True)}" xml:space="preserve"><value>{html.escape(value.strip(), quote=False)}</value></data>')
out.append('</root>')
target = root / 'src/Keqing/Resources/SharedResource.zh-CN.resx'
target.parent.mkdir(parents=True, exist_ok=True)
target.write_text('\n'.join(out) + '\n', encoding='utf-8')
print(f'{len(rows)} strings -> {target.relative_to(root)}')
