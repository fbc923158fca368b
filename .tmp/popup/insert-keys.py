import json, re, sys
exec(open('/work/main/.tmp/popup/keys.py').read())
for loc, idx in (('en', 0), ('zh_CN', 1)):
    p = f'/work/main/public/_locales/{loc}/messages.json'
    text = open(p, encoding='utf-8').read()
    data = json.loads(text)
    lines = []
    for k, v in K.items():
        if k in data:
            continue
        msg = v[idx]
        nums = sorted(set(re.findall(r'\$(\d)', msg)))
        m = re.sub(r'\$(\d)', lambda x: f'$ARG{x.group(1)}$', msg)
        entry = {'message': m}
        if nums:
            entry['placeholders'] = {f'arg{n}': {'content': f'${n}'} for n in nums}
        lines.append(f'  {json.dumps(k)}: {json.dumps(entry, ensure_ascii=False)}')
    if not lines:
        continue
    end = text.rstrip().rfind('}')
    body = text[:end].rstrip()
    text = body + ',\n' + ',\n'.join(lines) + '\n}\n'
    json.loads(text)
    open(p, 'w', encoding='utf-8').write(text)
    print(loc, len(lines))
