# fish completion for pss-inspect: commands, each command's options and their values, paths.
set -l commands inspect check fmt diff explain schema
complete -c pss-inspect -n "not __fish_seen_subcommand_from $commands" -a inspect -d 'Summarise each session and its findings'
complete -c pss-inspect -n "not __fish_seen_subcommand_from $commands" -a check -d 'Validate sessions against the contract'
complete -c pss-inspect -n "not __fish_seen_subcommand_from $commands" -a fmt -d 'Pretty-print, normalise and mask sessions'
complete -c pss-inspect -n "not __fish_seen_subcommand_from $commands" -a diff -d 'What changed between two sessions'
complete -c pss-inspect -n "not __fish_seen_subcommand_from $commands" -a explain -d 'Describe a field or a rule'
complete -c pss-inspect -n "not __fish_seen_subcommand_from $commands" -a schema -d 'JSON Schema of a session'
complete -c pss-inspect -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version'
complete -c pss-inspect -s h -l help -d 'Print help'

# check and inspect
set -l ci "__fish_seen_subcommand_from check inspect"
complete -c pss-inspect -n $ci -l lines -d 'Read every input as JSON Lines'
complete -c pss-inspect -n $ci -l naming -x -a 'auto wire sdk' -d 'Field spelling'
complete -c pss-inspect -n $ci -l strict -d 'Warnings fail too'
complete -c pss-inspect -n $ci -l format -x -a 'text json github sarif junit' -d 'Output format'
complete -c pss-inspect -n $ci -s o -l output -r -F -d 'Write the report to FILE'
complete -c pss-inspect -n $ci -l color -x -a 'auto always never' -d 'Colour'
complete -c pss-inspect -n $ci -s j -l jobs -x -d 'Threads'
complete -c pss-inspect -n '__fish_seen_subcommand_from check' -s q -l quiet -d 'Print only trouble'

# fmt
set -l f "__fish_seen_subcommand_from fmt"
complete -c pss-inspect -n $f -l indent -x -a '0 1 2 3 4 5 6 7 8' -d 'Spaces per level'
complete -c pss-inspect -n $f -l tab -d 'One tab per level'
complete -c pss-inspect -n $f -s c -l compact -d 'One line per document'
complete -c pss-inspect -n $f -s S -l sort-keys -d 'Sort keys'
complete -c pss-inspect -n $f -l canonical -d 'Session fields first'
complete -c pss-inspect -n $f -l naming -x -a 'keep wire sdk' -d 'Rename the session fields'
complete -c pss-inspect -n $f -l redact -d 'Mask card numbers and secrets'
complete -c pss-inspect -n $f -l lines -d 'Read every input as JSON Lines'
complete -c pss-inspect -n $f -l strict -d 'Refuse documents with findings'
complete -c pss-inspect -n $f -l check -d 'List files not formatted'
complete -c pss-inspect -n $f -l write -d 'Rewrite files in place'
complete -c pss-inspect -n $f -l color -x -a 'auto always never' -d 'Colour'
complete -c pss-inspect -n $f -s j -l jobs -x -d 'Threads'

# diff
set -l d "__fish_seen_subcommand_from diff"
complete -c pss-inspect -n $d -l format -x -a 'text json patch' -d 'Output format'
complete -c pss-inspect -n $d -l ignore -x -d 'Skip a JSON Pointer'
complete -c pss-inspect -n $d -l ignore-file -r -F -d 'Skip the pointers listed in FILE'
complete -c pss-inspect -n $d -l array-key -x -d 'Match array items by POINTER=KEY'
complete -c pss-inspect -n $d -l exact-numbers -d 'Compare numbers by their text'
complete -c pss-inspect -n $d -l null-equals-missing -d 'Absent equals null'
complete -c pss-inspect -n $d -l lines -d 'Compare as JSON Lines'
complete -c pss-inspect -n $d -l key -x -d 'Pair records by the value at POINTER'
complete -c pss-inspect -n $d -l redact -d 'Mask in a patch too'
complete -c pss-inspect -n $d -l color -x -a 'auto always never' -d 'Colour'

# explain and schema
complete -c pss-inspect -n '__fish_seen_subcommand_from explain' -x -a 'type status code status_code response_body json.syntax json.depth json.duplicate-key session.not-object field.type field.enum naming.conflict field.unknown naming.mixed status-code.range session.failed-without-code session.succeeded-with-code session.status-mismatch session.missing-status pci.pan'
complete -c pss-inspect -n '__fish_seen_subcommand_from schema' -l naming -x -a 'wire sdk' -d 'Field spelling'
complete -c pss-inspect -n '__fish_seen_subcommand_from schema' -l strict -d 'As the current OpenAPI'
