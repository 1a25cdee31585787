-- The members an owner holds, in every set it touched; with ARGV[3] = '1' they are removed too.
-- KEYS[1] the owner's index; ARGV[1] owner, ARGV[2] set key prefix, ARGV[3] '1' to remove
-- Returns a flat list: set name, member, set name, member, ...
local out = {}
for _, name in ipairs(redis.call('SMEMBERS', KEYS[1])) do
    local set = ARGV[2] .. name
    local entries = redis.call('HGETALL', set)
    for i = 1, #entries, 2 do
        if entries[i + 1] == ARGV[1] then
            out[#out + 1] = name
            out[#out + 1] = entries[i]
            if ARGV[3] == '1' then
                redis.call('HDEL', set, entries[i])
            end
        end
    end
end
if ARGV[3] == '1' then
    redis.call('DEL', KEYS[1])
end
return out
