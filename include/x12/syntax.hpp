// The syntax layer: delimiters, segments, reading, writing, envelopes.
#pragma once

#include "x12/syntax/charset.hpp"
#include "x12/syntax/delimiters.hpp"
#include "x12/syntax/envelope.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/syntax/redact.hpp"
#include "x12/syntax/segment.hpp"
#include "x12/syntax/source.hpp"
#include "x12/syntax/writer.hpp"
